package io.reactivedht.testkit.sim;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.Record;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.reactor.spi.RequestHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * A handler that records what it receives, and when, and answers with a function of the request.
 */
final class TestServer implements RequestHandler {
  /** The peer every honest answer lists. */
  static final PeerInfo SOME_PEER =
      PeerInfo.of(SimFixtures.peer(-1), Multiaddr.parse("/ip4/192.0.2.1/tcp/4001"));

  /** A request as the handler saw it. */
  record Received(PeerId from, DhtRequest request, Duration at) {}

  private final VirtualTimeScheduler clock;
  private final Function<DhtRequest, Mono<DhtResponse>> answers;
  private final List<Received> received = new ArrayList<>();

  TestServer(VirtualTimeScheduler clock, Function<DhtRequest, Mono<DhtResponse>> answers) {
    this.clock = clock;
    this.answers = answers;
  }

  /** Answers with {@link #answer}. */
  static TestServer honest(VirtualTimeScheduler clock) {
    return new TestServer(
        clock, request -> Mono.justOrEmpty(request.expectsResponse() ? answer(request) : null));
  }

  /** An honest answer, a function of the request alone. */
  static DhtResponse answer(DhtRequest request) {
    if (request instanceof DhtRequest.FindNode) {
      return new DhtResponse.FindNodeResponse(List.of(SOME_PEER));
    } else if (request instanceof DhtRequest.GetValue get) {
      return new DhtResponse.GetValueResponse(
          Record.of(get.key(), SimFixtures.bytes("value")), List.of(SOME_PEER));
    } else if (request instanceof DhtRequest.PutValue put) {
      return new DhtResponse.PutValueResponse(put.record());
    } else if (request instanceof DhtRequest.GetProviders) {
      return new DhtResponse.GetProvidersResponse(List.of(SOME_PEER), List.of(SOME_PEER));
    } else if (request instanceof DhtRequest.Ping) {
      return new DhtResponse.PingResponse();
    }
    throw new IllegalArgumentException("no answer to " + request);
  }

  @Override
  public Mono<DhtResponse> handle(PeerId from, DhtRequest request) {
    received.add(new Received(from, request, Duration.ofNanos(clock.now(TimeUnit.NANOSECONDS))));
    return answers.apply(request);
  }

  List<Received> received() {
    return List.copyOf(received);
  }
}
