package io.reactivedht.testkit.sim;

import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.reactor.spi.RequestHandler;
import io.reactivedht.reactor.spi.TransportEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.publisher.Sinks.EmitResult;

/**
 * One node of the network: who it is, how it behaves, and the peers it is connected to. The mutable
 * fields are guarded by the network's lock. Its state is small and bounded: the connections are an
 * array of at most the connection limit, and the events a buffer of {@link #EVENT_BUFFER}.
 */
final class Node {
  /**
   * Events a node's subscribers may lag behind (or that wait for the first subscriber) before
   * further ones are dropped and counted. 256 covers a burst of identifications from a full
   * connection table; the buffer is allocated on the first event.
   */
  static final int EVENT_BUFFER = 256;

  private static final @Nullable Node[] NONE = new Node[0];
  private static final int SPINS = 1_000;

  final PeerInfo info;
  final String protocolId;
  private final Set<String> served;
  private final Sinks.Many<TransportEvent> events =
      Sinks.many().multicast().onBackpressureBuffer(EVENT_BUFFER, false);

  @Nullable RequestHandler handler;
  @Nullable Adversary adversary;
  boolean unresponsive;
  boolean refusing;
  Duration extraDelay = Duration.ZERO;
  boolean joined = true;

  /** Connected peers, oldest first; {@code connections[0..connectionCount)} are in use. */
  private @Nullable Node[] connections = NONE;

  private int connectionCount;

  Node(PeerInfo info, String protocolId) {
    this.info = info;
    this.protocolId = protocolId;
    this.served = Set.of(protocolId);
  }

  PeerId id() {
    return info.id();
  }

  /** Whether a request for {@code protocol} gets to the handler. */
  @Nullable RequestHandler handlerFor(String protocol) {
    return protocolId.equals(protocol) ? handler : null;
  }

  /** What identify tells a peer about this node now. */
  TransportEvent.Identified identified() {
    return new TransportEvent.Identified(info, handler == null ? Set.of() : served);
  }

  // Connections: a bounded FIFO set, scanned linearly (a few hundred entries at most).

  int connectionCount() {
    return connectionCount;
  }

  boolean isConnectedTo(Node peer) {
    return indexOf(peer) >= 0;
  }

  Node oldestConnection() {
    return connection(0);
  }

  List<Node> connections() {
    List<Node> out = new ArrayList<>(connectionCount);
    for (int i = 0; i < connectionCount; i++) {
      out.add(connection(i));
    }
    return Collections.unmodifiableList(out);
  }

  private Node connection(int i) {
    return Objects.requireNonNull(connections[i], "connections below connectionCount are set");
  }

  /** Adds a peer; the caller made room and checked it is not connected yet. */
  void addConnection(Node peer) {
    if (connectionCount == connections.length) {
      connections = Arrays.copyOf(connections, Math.max(4, connectionCount * 2));
    }
    connections[connectionCount++] = peer;
  }

  void removeConnection(Node peer) {
    int i = indexOf(peer);
    if (i >= 0) {
      System.arraycopy(connections, i + 1, connections, i, connectionCount - i - 1);
      connections[--connectionCount] = null;
    }
  }

  void clearConnections() {
    connections = NONE;
    connectionCount = 0;
  }

  private int indexOf(Node peer) {
    for (int i = 0; i < connectionCount; i++) {
      if (connections[i] == peer) {
        return i;
      }
    }
    return -1;
  }

  // Events: emitted from scheduler tasks only, never while the network's lock is held.

  Flux<TransportEvent> events() {
    return events.asFlux();
  }

  /**
   * Emits an event; false if it was dropped because the buffer is full (FAIL_OVERFLOW, or
   * FAIL_ZERO_SUBSCRIBER when nobody subscribed yet). The sink of a node that left ignores it.
   */
  boolean emit(TransportEvent event) {
    EmitResult result = retried(() -> events.tryEmitNext(event));
    return result == EmitResult.OK || result == EmitResult.FAIL_TERMINATED;
  }

  void complete() {
    retried(events::tryEmitComplete);
  }

  /**
   * Retries while another thread is emitting to the same sink (possible with a multi-threaded
   * scheduler).
   */
  private static EmitResult retried(Supplier<EmitResult> emission) {
    EmitResult result = emission.get();
    for (int spins = 0; result == EmitResult.FAIL_NON_SERIALIZED && spins < SPINS; spins++) {
      Thread.onSpinWait();
      result = emission.get();
    }
    return result;
  }
}
