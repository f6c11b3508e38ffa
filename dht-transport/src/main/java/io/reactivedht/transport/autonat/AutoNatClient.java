package io.reactivedht.transport.autonat;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.transport.autonat.DialResponse.Status;
import io.reactivedht.transport.config.AutoNatOptions;
import io.reactivedht.transport.host.Libp2pHost;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Asks connected AutoNAT servers to dial this node back and concludes whether it is publicly
 * reachable: {@link Reachability#PUBLIC} when at least {@link AutoNatOptions#threshold()} answer
 * OK, {@link Reachability#PRIVATE} when at least that many answer E_DIAL_ERROR, {@link
 * Reachability#UNKNOWN} otherwise (refusals, failures and silence count for neither).
 */
public final class AutoNatClient {
  private final Libp2pHost host;
  private final Supplier<List<Multiaddr>> ownAddresses;
  private final AutoNatOptions options;

  /**
   * @param host the node: its connections, identify results and scheduler
   * @param ownAddresses the addresses to be dialed back at (usually the host's listen addresses)
   * @param options how many servers to ask and how many answers decide
   */
  public AutoNatClient(
      Libp2pHost host, Supplier<List<Multiaddr>> ownAddresses, AutoNatOptions options) {
    this.host = host;
    this.ownAddresses = ownAddresses;
    this.options = options;
  }

  /** The connected peers whose identify lists AutoNAT, as many as a probe asks. */
  public List<PeerId> servers() {
    return host.connectedPeers().stream()
        .filter(
            peer ->
                host.identifyInfo(peer)
                    .map(i -> i.protocols().contains(AutoNat.PROTOCOL_ID))
                    .orElse(false))
        .limit(options.serversPerProbe())
        .toList();
  }

  /**
   * Asks up to {@link AutoNatOptions#serversPerProbe()} connected servers at once and judges their
   * answers.
   */
  public Mono<Reachability> probe() {
    return Mono.defer(
        () -> {
          List<PeerId> servers = servers();
          if (servers.size() < options.threshold() || ownAddresses.get().isEmpty()) {
            return Mono.just(Reachability.UNKNOWN);
          }
          return Flux.fromIterable(servers)
              .flatMap(server -> ask(server).onErrorResume(e -> Mono.empty()), servers.size())
              .map(DialResponse::status)
              .collectList()
              .map(this::verdict);
        });
  }

  /**
   * Asks {@code server} to dial us back at our addresses; fails if the exchange fails or takes too
   * long.
   */
  public Mono<DialResponse> ask(PeerId server) {
    Duration limit = options.dialTimeout().multipliedBy(2);
    return host.newStream(server, List.of(), AutoNat.PROTOCOL_ID)
        .flatMap(
            stream -> AutoNat.request(stream, new DialRequest(host.peerId(), ownAddresses.get())))
        .timeout(limit, host.scheduler());
  }

  private Reachability verdict(List<Status> answers) {
    long ok = answers.stream().filter(Status.OK::equals).count();
    long failed = answers.stream().filter(Status.E_DIAL_ERROR::equals).count();
    if (ok >= options.threshold()) {
      return Reachability.PUBLIC;
    }
    return failed >= options.threshold() ? Reachability.PRIVATE : Reachability.UNKNOWN;
  }
}
