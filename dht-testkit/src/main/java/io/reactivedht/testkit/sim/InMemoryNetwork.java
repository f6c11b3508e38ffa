package io.reactivedht.testkit.sim;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.wire.DhtCodec;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.spi.PeerUnreachableException;
import io.reactivedht.reactor.spi.RequestHandler;
import io.reactivedht.reactor.spi.TransportEvent;
import io.reactivedht.testkit.sim.Counters.Counter;
import io.reactivedht.testkit.sim.Exchange.Step;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * A network of DHT nodes in one JVM. Each {@link #join joined} node gets a {@link
 * SimulatedTransport}; a request reaches the target's handler after a one-way delay of the {@link
 * LatencyModel}, and its answer comes back after another. Every delay is a delay of the given
 * scheduler: on a {@code VirtualTimeScheduler}, thousands of nodes run on one thread, as fast as
 * the CPU allows and the same way each time for the same seed.
 *
 * <p>An exchange, as the caller sees it:
 *
 * <ul>
 *   <li>target absent (never joined, or left): {@link PeerUnreachableException} after the dial
 *       timeout, or no answer at all, per {@link NetworkConditions#absentPeer()}; it left while
 *       handling the request: {@link PeerUnreachableException} ("connection closed");
 *   <li>request or response lost ({@link NetworkConditions#lossProbability()}), or target {@link
 *       #setUnresponsive unresponsive} (silent): no answer, the caller's timeout fires;
 *   <li>target {@link #setRefusing refusing}: {@link PeerUnreachableException} ("connection
 *       refused") one round trip after the dial, as a closed port answers with a TCP reset;
 *   <li>target {@link #setExtraDelay slow}: as a normal target, its answer leaving the extra delay
 *       later;
 *   <li>target not serving the sender's protocol (a client): {@link PeerUnreachableException}
 *       ("protocol not supported") one round trip later, like a libp2p multistream {@code na};
 *   <li>handler fails, or gives nothing where an answer is due: an {@link UncheckedIOException}
 *       ("stream reset") one round trip later (the remote's exception does not travel, as it would
 *       not on a wire);
 *   <li>otherwise the handler's response, rewritten by the target's {@link Adversary} if it has
 *       one; a request that gets no response (ADD_PROVIDER) completes empty when delivered.
 * </ul>
 *
 * Cancelling the caller's subscription cancels the exchange wherever it is: a pending delivery, the
 * handler's work, or the response on its way back.
 *
 * <p>The first request between two nodes connects them: both receive an {@code Identified} event
 * about the other (as libp2p identify runs on a new connection), with the DHT protocol in it when
 * that node serves. A node that switches mode pushes a new {@code Identified} to its connected
 * peers; a node that leaves, or a connection closed by the {@link
 * NetworkConditions#connectionLimit()}, gives {@code Disconnected} events. Events are emitted in
 * scheduler tasks of their own once the network released its lock (a {@code VirtualTimeScheduler}
 * called from outside its tasks runs such a task before the call that scheduled it returns), so a
 * subscriber may call back into the network.
 *
 * <p>With {@code encodeMessages}, every request and response goes through {@link DhtCodec} bytes
 * and back, so that the codec's rules (e.g. a GET_VALUE record under another key is malformed)
 * apply as on a real wire.
 *
 * <p>Thread-safe: the network's state is guarded by one lock, held for short pure steps (including
 * the latency model's and adversaries' calls, which must not call back) and never while calling
 * handlers or subscribers. Runs are repeatable when the scheduler runs one task at a time in a
 * deterministic order, as a {@code VirtualTimeScheduler} does. Memory: under 1 KB per node with its
 * peer id and address, plus 4 bytes per connection and, once it has had events, a 256-slot event
 * buffer (about 3.7 KB per node in all with 40 connections and unread events); no thread per node.
 */
public final class InMemoryNetwork {
  private static final int MAX_NODES = (1 << 24) - 2;
  private static final Step HANGS = new Step.Hangs();
  private static final Step ENDS = new Step.Ends();

  private final Scheduler scheduler;
  private final RandomGenerator random;
  private final NetworkConditions conditions;
  private final boolean encodeMessages;
  private final Counters counters = new Counters();
  private final Object lock = new Object();

  // Guarded by lock.
  private final Map<PeerId, Node> nodes = new HashMap<>();

  /** Written under the lock, read without it: every answer of every node reads it. */
  private final Map<PeerId, PeerInfo> addressBook = new ConcurrentHashMap<>();

  private int joinCount;

  /**
   * A network that passes messages as objects.
   *
   * @param scheduler runs every delay and event delivery (a {@code VirtualTimeScheduler} for tests
   *     and simulations)
   * @param random the source of every random choice (latency, loss, adversaries); seed it for
   *     repeatable runs
   * @param conditions latency, loss and the other network-wide behaviour
   */
  public InMemoryNetwork(
      Scheduler scheduler, RandomGenerator random, NetworkConditions conditions) {
    this(scheduler, random, conditions, false);
  }

  /**
   * A network that may pass messages as bytes.
   *
   * @param scheduler runs every delay and event delivery (a {@code VirtualTimeScheduler} for tests
   *     and simulations)
   * @param random the source of every random choice (latency, loss, adversaries); seed it for
   *     repeatable runs
   * @param conditions latency, loss and the other network-wide behaviour
   * @param encodeMessages whether requests and responses go through {@link DhtCodec} bytes (slower;
   *     exercises the codec)
   */
  public InMemoryNetwork(
      Scheduler scheduler,
      RandomGenerator random,
      NetworkConditions conditions,
      boolean encodeMessages) {
    this.scheduler = scheduler;
    this.random = random;
    this.conditions = conditions;
    this.encodeMessages = encodeMessages;
  }

  /**
   * Joins a node that speaks {@link DhtOptions#IPFS_PROTOCOL}; see {@link #join(PeerId, String)}.
   *
   * @param id the new node's peer id; not in the network now
   * @return the node's transport, not serving yet
   */
  public SimulatedTransport join(PeerId id) {
    return join(id, DhtOptions.IPFS_PROTOCOL);
  }

  /**
   * Adds a node, not serving yet (a client until its transport's {@code serve} gets a handler),
   * with the fake address {@code /ip4/10.a.b.c/tcp/4001} where {@code a.b.c} is its join number (1,
   * 2, ...) in base 256: unique, never dialled. A peer that left may join again, at a new address.
   *
   * @param id the new node's peer id; not in the network now
   * @param protocolId the DHT protocol it speaks and, when serving, accepts; requests between nodes
   *     of different protocols are refused
   * @return the node's transport; closing it makes the node leave
   * @throws IllegalStateException if the peer is already in the network
   */
  public SimulatedTransport join(PeerId id, String protocolId) {
    synchronized (lock) {
      if (nodes.containsKey(id)) {
        throw new IllegalStateException(id + " has already joined");
      }
      if (joinCount == MAX_NODES) {
        throw new IllegalStateException("the 10.0.0.0/8 addresses are used up");
      }
      int n = ++joinCount;
      Multiaddr address =
          Multiaddr.parse(
              "/ip4/10." + (n >>> 16) + "." + ((n >>> 8) & 0xff) + "." + (n & 0xff) + "/tcp/4001");
      Node node = new Node(PeerInfo.of(id, address), protocolId);
      nodes.put(id, node);
      addressBook.put(id, node.info);
      return new SimulatedTransport(this, node);
    }
  }

  /**
   * Removes a node (churn): its connected peers see it {@code Disconnected}, its own events
   * complete, requests to it fail or hang as for any absent peer, and one it is handling fails with
   * "connection closed". Its address stays in the directory. Does nothing if the peer is not in the
   * network.
   *
   * @param id the node to remove
   */
  public void leave(PeerId id) {
    Node node;
    synchronized (lock) {
      node = nodes.get(id);
    }
    if (node != null) {
      leave(node);
    }
  }

  /**
   * Whether the peer is in the network now.
   *
   * @param id any peer id
   * @return true from the peer's join until it leaves
   */
  public boolean contains(PeerId id) {
    synchronized (lock) {
      return nodes.containsKey(id);
    }
  }

  /**
   * The number of nodes in the network now.
   *
   * @return the nodes joined and not left, unresponsive ones included
   */
  public int size() {
    synchronized (lock) {
      return nodes.size();
    }
  }

  /**
   * Makes a node unresponsive (it accepts requests and never answers them, nor runs its handler,
   * nor identifies) or normal again.
   *
   * @param id a node in the network
   * @param unresponsive true to silence it for the requests that arrive from now on, false to make
   *     it answer them again (those that arrived while it was silent stay unanswered)
   * @throws IllegalArgumentException if the peer is not in the network
   */
  public void setUnresponsive(PeerId id, boolean unresponsive) {
    synchronized (lock) {
      joined(id).unresponsive = unresponsive;
    }
  }

  /**
   * Makes a node refuse every request at once (a closed port: the dial fails one round trip later)
   * or accept them again.
   *
   * @param id a node in the network
   * @param refusing true to refuse the requests that arrive from now on, false to accept them
   * @throws IllegalArgumentException if the peer is not in the network
   */
  public void setRefusing(PeerId id, boolean refusing) {
    synchronized (lock) {
      joined(id).refusing = refusing;
    }
  }

  /**
   * Makes a node slow: each of its answers leaves {@code extra} after its handler produced it (zero
   * for a normal node).
   *
   * @param id a node in the network
   * @param extra added to the one-way delay of each answer (or stream reset) it sends from now on;
   *     zero or positive
   * @throws IllegalArgumentException if the peer is not in the network or {@code extra} is negative
   */
  public void setExtraDelay(PeerId id, Duration extra) {
    if (extra.isNegative()) {
      throw new IllegalArgumentException("the extra delay must not be negative, got " + extra);
    }
    synchronized (lock) {
      joined(id).extraDelay = extra;
    }
  }

  /**
   * Gives a node an adversary that rewrites its responses, or makes it honest again with null.
   *
   * @param id a node in the network
   * @param adversary rewrites every response the node sends from now on; null for none
   * @throws IllegalArgumentException if the peer is not in the network
   */
  public void setAdversary(PeerId id, @Nullable Adversary adversary) {
    synchronized (lock) {
      joined(id).adversary = adversary;
    }
  }

  /**
   * Tells a node whether others can dial it: emits {@code ReachabilityChanged} to it (for {@code
   * Mode.AUTO}). Only an event: the network delivers requests to every joined node either way.
   *
   * @param id a node in the network
   * @param reachable what the event reports, delivered in a scheduler task of its own
   * @throws IllegalArgumentException if the peer is not in the network
   */
  public void setPubliclyReachable(PeerId id, boolean reachable) {
    Node node;
    synchronized (lock) {
      node = joined(id);
    }
    deliverLater(List.of(new Delivery(node, new TransportEvent.ReachabilityChanged(reachable))));
  }

  /**
   * A snapshot of the counters.
   *
   * @return the counts since the network was made; {@link NetworkStats#minus} an earlier snapshot
   *     gives those of an interval
   */
  public NetworkStats stats() {
    return counters.snapshot();
  }

  /**
   * The conditions the network was made with.
   *
   * @return the constructor's conditions; they never change
   */
  public NetworkConditions conditions() {
    return conditions;
  }

  /**
   * The scheduler that runs the network.
   *
   * @return the constructor's scheduler, which runs every delay and event delivery
   */
  public Scheduler scheduler() {
    return scheduler;
  }

  // The transport side.

  boolean isJoined(Node node) {
    synchronized (lock) {
      return node.joined;
    }
  }

  List<Multiaddr> addressesOf(PeerId peer) {
    return peerInfo(peer).addresses();
  }

  /** The one {@link PeerInfo} of a peer that ever joined, shared by every node that names it. */
  PeerInfo peerInfo(PeerId peer) {
    PeerInfo info = addressBook.get(peer);
    return info != null ? info : new PeerInfo(peer, List.of());
  }

  void serve(Node node, @Nullable RequestHandler handler) {
    List<Delivery> pushes = new ArrayList<>();
    synchronized (lock) {
      boolean wasServing = node.handler != null;
      node.handler = handler;
      if (wasServing != (handler != null)) {
        TransportEvent identified = node.identified();
        for (Node peer : node.connections()) {
          pushes.add(new Delivery(peer, identified));
        }
      }
    }
    deliverLater(pushes);
  }

  void leave(Node node) {
    List<Delivery> goodbyes = new ArrayList<>();
    synchronized (lock) {
      if (!node.joined) {
        return;
      }
      node.joined = false;
      nodes.remove(node.id());
      TransportEvent disconnected = new TransportEvent.Disconnected(node.id());
      for (Node peer : node.connections()) {
        peer.removeConnection(node);
        goodbyes.add(new Delivery(peer, disconnected));
      }
      node.clearConnections();
    }
    scheduler.schedule(
        () -> {
          goodbyes.forEach(this::deliver);
          node.complete();
        });
  }

  Mono<DhtResponse> send(Node from, PeerId to, DhtRequest request) {
    return new Exchange(this, from, to, request);
  }

  // The legs of one exchange: dial, arrive, reply (the Exchange waits out each one's delay).

  /** An exchange's start: where its request goes, or how the exchange ends. */
  Step dial(Node from, PeerId targetId, DhtRequest request) {
    Node target;
    Duration there;
    synchronized (lock) {
      if (!from.joined) {
        return new Step.Fails(new IllegalStateException(from.id() + " has left the network"), null);
      }
      if (targetId.equals(from.id())) {
        return new Step.Fails(new PeerUnreachableException(targetId, "dial to self"), null);
      }
      counters.increment(Counter.SENT);
      target = nodes.get(targetId);
      if (target == null) {
        counters.increment(Counter.TO_ABSENT);
        return absent(targetId);
      }
      if (lost()) {
        return HANGS;
      }
      there = latency(from, target);
    }
    return new Step.Travels(target, there);
  }

  private Step absent(PeerId peer) {
    return switch (conditions.absentPeer()) {
      case HANG -> HANGS;
      case FAIL_AFTER_DIAL_TIMEOUT ->
          new Step.Fails(
              new PeerUnreachableException(peer, "dial timed out"), conditions.dialTimeout());
    };
  }

  /** A request's arrival at its target: the target's handler takes it, or the exchange ends. */
  Step arrive(Node from, Node to, DhtRequest sent) {
    List<Delivery> identifications = new ArrayList<>(2);
    RequestHandler handler;
    Duration back;
    synchronized (lock) {
      if (!from.joined) {
        return new Step.Fails(new IllegalStateException(from.id() + " has left the network"), null);
      }
      if (!to.joined) {
        counters.increment(Counter.TO_ABSENT);
        return new Step.Fails(new PeerUnreachableException(to.id(), "connection closed"), null);
      }
      if (to.unresponsive) {
        counters.increment(Counter.TO_UNRESPONSIVE);
        return HANGS;
      }
      if (to.refusing) {
        counters.increment(Counter.REFUSED);
        return new Step.Fails(
            new PeerUnreachableException(to.id(), "connection refused"), latency(to, from));
      }
      connect(from, to, identifications);
      handler = to.handlerFor(from.protocolId);
      back = handler == null ? latency(to, from) : Duration.ZERO;
    }
    deliverLater(identifications);
    if (handler == null) {
      counters.increment(Counter.REFUSED);
      return new Step.Fails(new PeerUnreachableException(to.id(), "protocol not supported"), back);
    }
    counters.increment(Counter.DELIVERED);
    DhtRequest received =
        encodeMessages ? DhtCodec.decodeRequest(DhtCodec.encodeRequest(sent)) : sent;
    Mono<DhtResponse> handled = Mono.defer(() -> handler.handle(from.id(), received));
    if (!received.expectsResponse()) {
      handled.subscribe(ignored -> {}, error -> counters.increment(Counter.RESET));
      counters.increment(Counter.COMPLETED);
      return ENDS;
    }
    return new Step.Handled(to, received, handled);
  }

  /**
   * The handler's answer on its way back; {@code honest} is null when the handler failed or gave
   * none.
   */
  Step reply(Node from, Node to, DhtRequest received, @Nullable DhtResponse honest) {
    DhtResponse response = null;
    Duration back;
    synchronized (lock) {
      if (!to.joined) {
        counters.increment(Counter.TO_ABSENT);
        return new Step.Fails(new PeerUnreachableException(to.id(), "connection closed"), null);
      }
      if (honest != null) {
        Adversary adversary = to.adversary;
        response = adversary == null ? honest : adversary.rewrite(received, honest, random);
        if (lost()) {
          return HANGS;
        }
      }
      back = latency(to, from).plus(to.extraDelay);
    }
    if (response == null) {
      counters.increment(Counter.RESET);
      return new Step.Fails(
          new UncheckedIOException(new IOException("stream reset by " + to.id())), back);
    }
    return new Step.Answers(response, received, back);
  }

  /** The answer as the sender reads it (through the codec's bytes, with {@code encodeMessages}). */
  DhtResponse received(DhtResponse answer, DhtRequest received, DhtRequest sent) {
    return encodeMessages
        ? DhtCodec.decodeResponse(DhtCodec.encodeResponse(answer, received), sent)
        : answer;
  }

  /** Counts an exchange whose answer reached its sender. */
  void completed() {
    counters.increment(Counter.COMPLETED);
  }

  // Under the lock.

  private Node joined(PeerId id) {
    Node node = nodes.get(id);
    if (node == null) {
      throw new IllegalArgumentException(id + " is not in the network");
    }
    return node;
  }

  private boolean lost() {
    double p = conditions.lossProbability();
    if (p > 0 && random.nextDouble() < p) {
      counters.increment(Counter.LOST);
      return true;
    }
    return false;
  }

  private Duration latency(Node from, Node to) {
    Duration delay = conditions.latency().sample(from.id(), to.id(), random);
    if (delay.isNegative()) {
      throw new IllegalStateException("latency model gave a negative delay: " + delay);
    }
    return delay;
  }

  /**
   * Connects two nodes if they are not yet, closing the oldest connection of either when it is at
   * the limit.
   */
  private void connect(Node a, Node b, List<Delivery> events) {
    if (a.isConnectedTo(b)) {
      return;
    }
    makeRoom(a, events);
    makeRoom(b, events);
    a.addConnection(b);
    b.addConnection(a);
    events.add(new Delivery(a, b.identified()));
    events.add(new Delivery(b, a.identified()));
  }

  private void makeRoom(Node node, List<Delivery> events) {
    while (node.connectionCount() >= conditions.connectionLimit()) {
      Node oldest = node.oldestConnection();
      node.removeConnection(oldest);
      oldest.removeConnection(node);
      events.add(new Delivery(node, new TransportEvent.Disconnected(oldest.id())));
      events.add(new Delivery(oldest, new TransportEvent.Disconnected(node.id())));
    }
  }

  // Event delivery: in a scheduler task of its own, outside the lock.

  private record Delivery(Node to, TransportEvent event) {}

  private void deliverLater(List<Delivery> deliveries) {
    if (!deliveries.isEmpty()) {
      scheduler.schedule(() -> deliveries.forEach(this::deliver));
    }
  }

  private void deliver(Delivery delivery) {
    if (!delivery.to().emit(delivery.event())) {
      counters.increment(Counter.EVENT_DROPPED);
    }
  }
}
