package io.reactivedht.reactor.spi;

import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import reactor.core.publisher.Mono;

/** The server side of the DHT, independent of any transport. */
@FunctionalInterface
public interface RequestHandler {
  /**
   * Answers one inbound request.
   *
   * @param from the authenticated sender
   * @param request the decoded request
   * @return the response; empty for a request that gets none (ADD_PROVIDER); an error (e.g. {@link
   *     io.reactivedht.core.multiformats.DecodingException} for an invalid record) tells the
   *     transport to reset the stream without answering
   */
  Mono<DhtResponse> handle(PeerId from, DhtRequest request);
}
