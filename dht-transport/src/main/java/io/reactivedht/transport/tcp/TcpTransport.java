package io.reactivedht.transport.tcp;

import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.transport.stream.TrafficCounters;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;

/**
 * Listens on and dials TCP multiaddrs with reactor-netty, handing each connection out as a {@link
 * TcpByteStream}.
 */
public final class TcpTransport {
  /**
   * Dials made in this JVM: dialed connections take the event loops in turn. reactor-netty 1.3's
   * {@code TcpClient} takes two steps of its loops' round robin per connect, so with two loops
   * every dialed connection landed on the same one (a node's outbound traffic on one core of two;
   * with four loops, on two of four).
   */
  private static final AtomicInteger DIALS = new AtomicInteger();

  private final LoopResources loops;
  private final Duration connectTimeout;
  private final TrafficCounters traffic;
  private final List<EventLoop> dialLoops;

  /**
   * @param loops the event loops connections run on
   * @param connectTimeout how long a dial may take to connect
   */
  public TcpTransport(LoopResources loops, Duration connectTimeout) {
    this(loops, connectTimeout, new TrafficCounters());
  }

  /**
   * As the other constructor, counting every connection and its bytes in {@code traffic}.
   *
   * @param traffic the host's counters
   */
  public TcpTransport(LoopResources loops, Duration connectTimeout, TrafficCounters traffic) {
    this.loops = loops;
    this.connectTimeout = connectTimeout;
    this.traffic = traffic;
    List<EventLoop> dialLoops = new ArrayList<>();
    for (EventExecutor executor : loops.onClient(LoopResources.DEFAULT_NATIVE)) {
      dialLoops.add((EventLoop) executor);
    }
    this.dialLoops = List.copyOf(dialLoops);
  }

  /**
   * Listens on {@code /ip4|/ip6/<address>/tcp/<port>} (port 0 picks a free one).
   *
   * @param accepted receives every inbound connection, on its event loop; must not block
   * @return the server; its {@link DisposableServer#address()} is the bound address
   */
  public Mono<DisposableServer> listen(Multiaddr address, Consumer<TcpByteStream> accepted) {
    InetSocketAddress socket =
        TcpAddresses.toSocketAddress(address)
            .filter(a -> !a.isUnresolved())
            .orElseThrow(
                () -> new IllegalArgumentException("not a TCP listen address: " + address));
    return TcpServer.create()
        .runOn(loops)
        .bindAddress(() -> socket)
        .handle(
            (in, out) -> {
              Connection connection = (Connection) in;
              accepted.accept(TcpByteStream.of(connection, traffic));
              return connection.onDispose();
            })
        .bind()
        .map(server -> (DisposableServer) server);
  }

  /** Connects to a TCP multiaddr; fails with {@link IllegalArgumentException} for a non-TCP one. */
  public Mono<TcpByteStream> dial(Multiaddr address) {
    return Mono.defer(
        () -> {
          InetSocketAddress socket =
              TcpAddresses.toSocketAddress(address)
                  .orElseThrow(
                      () -> new IllegalArgumentException("not a TCP multiaddr: " + address));
          EventLoop loop = dialLoops.get(Math.floorMod(DIALS.getAndIncrement(), dialLoops.size()));
          return TcpClient.newConnection()
              .runOn(loop)
              .remoteAddress(() -> socket)
              .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
              // reactor-netty's server side sets it and its client side does not: without it
              // Nagle holds a request written while an earlier one is unacknowledged, up to a
              // delayed ACK (go sets it on every TCP connection)
              .option(ChannelOption.TCP_NODELAY, true)
              .connect()
              .map(connection -> TcpByteStream.of(connection, traffic));
        });
  }
}
