package io.reactivedht.transport.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.multiaddr.Protocol;
import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.Record;
import io.reactivedht.reactor.config.Mode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A running js-libp2p node ({@code interop/js-peer/peer.mjs}) in a child process, driven over its
 * stdin/stdout with one JSON object a line: each {@link #call} sends {@code {"id":N,"cmd":...}} and
 * waits for the answer with the same id. The node listens on 127.0.0.1 on an ephemeral TCP port and
 * runs the Kademlia DHT with identify and ping. Its stderr is kept (the last lines) and quoted in
 * every failure. {@link #close()} stops it, and kills it if it lingers.
 */
public final class JsPeer implements AutoCloseable {
  /** How long a typed command may take; a DHT query among a few local nodes needs far less. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  private final Process process;
  private final OutputStream stdin;
  private final RecentLines output = new RecentLines(200);
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final CompletableFuture<JsonNode> ready = new CompletableFuture<>();
  private final AtomicLong nextId = new AtomicLong(1);
  private volatile @Nullable JsPeerException exited;
  private final PeerId peerId;
  private final List<Multiaddr> addrs;
  private final Mode mode;

  /** How to start a js peer: identity seed, DHT client or server mode, DHT protocol id. */
  public record Options(byte @Nullable [] seed, boolean client, String protocol) {
    public Options {
      seed = seed == null ? null : seed.clone();
    }

    /** A random identity, DHT server mode, {@code /ipfs/kad/1.0.0}. */
    public static Options defaults() {
      return new Options(null, false, "/ipfs/kad/1.0.0");
    }

    /** The same with the Ed25519 identity made from this 32-byte seed (a stable peer id). */
    public Options withSeed(byte[] seed) {
      if (seed.length != 32) {
        throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, not " + seed.length);
      }
      return new Options(seed, client, protocol);
    }

    /** The same in DHT client mode (no kad handler, kad not announced by identify). */
    public Options asClient() {
      return new Options(seed, true, protocol);
    }

    /** The same speaking another DHT protocol id, e.g. {@code /ipfs/lan/kad/1.0.0}. */
    public Options withProtocol(String protocol) {
      return new Options(seed, client, protocol);
    }

    @Override
    public byte @Nullable [] seed() {
      return seed == null ? null : seed.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Options other
          && java.util.Arrays.equals(seed, other.seed)
          && client == other.client
          && protocol.equals(other.protocol);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(java.util.Arrays.hashCode(seed), client, protocol);
    }

    @Override
    public String toString() {
      return "Options[seed="
          + (seed == null ? "random" : HEX.formatHex(seed))
          + ", client="
          + client
          + ", protocol="
          + protocol
          + "]";
    }
  }

  /** What identify told a js peer about another peer: its protocols, addresses and versions. */
  public record Identified(
      List<String> protocols,
      List<String> addrs,
      @Nullable String agentVersion,
      @Nullable String protocolVersion) {}

  /**
   * An IPNS name resolved by a js peer: the record's value (a path such as {@code /ipfs/...}) and
   * sequence.
   */
  public record IpnsValue(String value, long sequence) {}

  /**
   * Starts a js peer and waits (up to 60 s) for its ready line. Applies this package's skipping
   * policy when Node.js or the installed js peer is missing: fails in CI, aborts (skips) the test
   * elsewhere.
   */
  public static JsPeer start(Options options) {
    JsRuntime runtime = JsRuntime.require();
    List<String> command =
        new ArrayList<>(
            List.of(
                runtime.node().toString(),
                "--import",
                "./polyfill.mjs",
                "peer.mjs",
                "--port",
                "0",
                "--protocol",
                options.protocol()));
    byte[] seed = options.seed();
    if (seed != null) {
      command.addAll(List.of("--seed", HEX.formatHex(seed)));
    }
    if (options.client()) {
      command.add("--client");
    }
    Process process;
    try {
      process = new ProcessBuilder(command).directory(runtime.peerDir().toFile()).start();
    } catch (IOException e) {
      throw new JsPeerException(
          "cannot start " + String.join(" ", command) + " in " + runtime.peerDir(), e);
    }
    return new JsPeer(process, options);
  }

  private JsPeer(Process process, Options options) {
    this.process = process;
    this.stdin = process.getOutputStream();
    String name = "js-peer-" + process.pid();
    daemon(
        name + "-stdout",
        () -> {
          readLines(process.getInputStream(), this::onStdoutLine);
          onExit();
        });
    daemon(
        name + "-stderr",
        () -> readLines(process.getErrorStream(), line -> output.add("stderr: " + line)));
    JsonNode readyLine;
    try {
      readyLine = ready.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      destroy();
      throw failure("no ready line within " + READY_TIMEOUT + " from js peer " + options, e);
    } catch (ExecutionException e) {
      destroy();
      throw failure(
          "js peer " + options + " did not start: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      destroy();
      Thread.currentThread().interrupt();
      throw failure("interrupted while starting js peer " + options, e);
    }
    this.peerId = PeerId.parse(readyLine.path("peerId").asText());
    List<Multiaddr> local = new ArrayList<>();
    for (JsonNode addr : readyLine.path("addrs")) {
      Multiaddr multiaddr = Multiaddr.parse(addr.asText());
      if (multiaddr.valueOf(Protocol.IP4).filter("127.0.0.1"::equals).isPresent()
          && multiaddr.has(Protocol.TCP)) {
        local.add(multiaddr);
      }
    }
    if (local.isEmpty()) {
      destroy();
      throw failure("js peer announced no /ip4/127.0.0.1/tcp address: " + readyLine, null);
    }
    this.addrs = List.copyOf(local);
    this.mode = "client".equals(readyLine.path("mode").asText()) ? Mode.CLIENT : Mode.SERVER;
  }

  /** The js peer's id. */
  public PeerId peerId() {
    return peerId;
  }

  /** Its {@code /ip4/127.0.0.1/tcp/PORT/p2p/ID} listen addresses (at least one). */
  public List<Multiaddr> addrs() {
    return addrs;
  }

  /**
   * Its first listen address without the {@code /p2p} part: what a plain TCP client connects to.
   */
  public Multiaddr tcpAddr() {
    return addrs.get(0).withoutPeerId();
  }

  /** Its TCP listen port. */
  public int tcpPort() {
    return Integer.parseInt(tcpAddr().valueOf(Protocol.TCP).orElseThrow());
  }

  /** The DHT mode it reported when it started. */
  public Mode startMode() {
    return mode;
  }

  /** The last lines it printed (stderr, and any stdout line that was not an answer). */
  public String recentOutput() {
    return output.toString();
  }

  /**
   * Sends one command ({@code args} become further JSON fields) and returns the answer's fields.
   *
   * @throws JsPeerException if the peer answers {@code ok:false}, does not answer within {@code
   *     timeout}, or exits
   */
  public JsonNode call(String cmd, Map<String, ?> args, Duration timeout) {
    long id = nextId.getAndIncrement();
    ObjectNode request = JSON.createObjectNode();
    request.put("id", id);
    request.put("cmd", cmd);
    args.forEach((name, value) -> request.set(name, JSON.valueToTree(value)));
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    try {
      JsPeerException dead = exited;
      if (dead != null) {
        throw dead;
      }
      send(request);
      JsonNode reply = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!reply.path("ok").asBoolean(false)) {
        throw failure(cmd + " failed: " + reply.path("error").asText(reply.toString()), null);
      }
      return reply;
    } catch (TimeoutException e) {
      throw failure("no answer to " + request + " within " + timeout, e);
    } catch (ExecutionException e) {
      throw failure(cmd + ": " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure("interrupted while waiting for " + cmd, e);
    } finally {
      pending.remove(id);
    }
  }

  /** Connects to a peer (identify then runs on the connection). */
  public void dial(Multiaddr addr) {
    call("dial", Map.of("addr", addr.toString()), DEFAULT_TIMEOUT);
  }

  /** Closes every connection to a peer. */
  public void hangUp(PeerId peer) {
    call("hangUp", Map.of("peer", peer.toBase58()), DEFAULT_TIMEOUT);
  }

  /** The peers in its DHT routing table. */
  public List<PeerId> routingTable() {
    return peerIds(call("routingTable", Map.of(), DEFAULT_TIMEOUT).path("peers"));
  }

  /** The peers it has an open connection to. */
  public List<PeerId> connections() {
    return peerIds(call("connections", Map.of(), DEFAULT_TIMEOUT).path("peers"));
  }

  /** What identify told it about a peer (from its peer store). */
  public Identified identified(PeerId peer) {
    JsonNode reply = call("identified", Map.of("peer", peer.toBase58()), DEFAULT_TIMEOUT);
    return new Identified(
        texts(reply.path("protocols")), texts(reply.path("addrs")),
        textOrNull(reply.path("agentVersion")), textOrNull(reply.path("protocolVersion")));
  }

  /** One {@code /ipfs/ping/1.0.0} round trip to an address; the round-trip time js measured. */
  public Duration ping(Multiaddr addr) {
    return Duration.ofMillis(
        call("ping", Map.of("addr", addr.toString()), DEFAULT_TIMEOUT).path("rttMs").asLong());
  }

  /** The closest peers to a key that a DHT lookup found. */
  public List<PeerId> closestPeers(byte[] key) {
    return peerIds(
        call("closestPeers", Map.of("key", HEX.formatHex(key)), DEFAULT_TIMEOUT).path("peers"));
  }

  /** A peer's addresses found by a DHT lookup, if found. */
  public Optional<PeerInfo> findPeer(PeerId peer) {
    JsonNode found =
        call("findPeer", Map.of("peer", peer.toBase58()), DEFAULT_TIMEOUT).path("peer");
    return found.isObject() ? Optional.of(peerInfo(found)) : Optional.empty();
  }

  /** Stores a record in the DHT (locally and with the closest peers); js validates it first. */
  public void put(byte[] key, byte[] value) {
    call("put", Map.of("key", HEX.formatHex(key), "value", HEX.formatHex(value)), DEFAULT_TIMEOUT);
  }

  /** Every value a DHT get for the key saw (locally and from peers). */
  public List<byte[]> get(byte[] key) {
    List<byte[]> values = new ArrayList<>();
    for (JsonNode value :
        call("get", Map.of("key", HEX.formatHex(key)), DEFAULT_TIMEOUT).path("values")) {
      values.add(HEX.parseHex(value.asText()));
    }
    return values;
  }

  /** Announces itself as a provider of a CID. */
  public void provide(Cid cid) {
    call("provide", Map.of("cid", cid.toString()), DEFAULT_TIMEOUT);
  }

  /** The providers of a CID it found (deduplicated by peer id). */
  public List<PeerInfo> findProviders(Cid cid) {
    List<PeerInfo> providers = new ArrayList<>();
    for (JsonNode provider :
        call("findProviders", Map.of("cid", cid.toString()), DEFAULT_TIMEOUT).path("providers")) {
      providers.add(peerInfo(provider));
    }
    return providers;
  }

  /**
   * Publishes an IPNS record for its own key pointing at {@code value}; returns the routing key and
   * record.
   */
  public Record publishIpns(String value, long sequence, Duration lifetime) {
    JsonNode reply =
        call(
            "publishIpns",
            Map.of("value", value, "sequence", sequence, "lifetimeMs", lifetime.toMillis()),
            DEFAULT_TIMEOUT);
    return Record.of(
        HEX.parseHex(reply.path("key").asText()), HEX.parseHex(reply.path("record").asText()));
  }

  /** The best IPNS record it finds for a peer's name, if any. */
  public Optional<IpnsValue> resolveIpns(PeerId name) {
    JsonNode reply = call("resolveIpns", Map.of("peer", name.toBase58()), DEFAULT_TIMEOUT);
    JsonNode value = reply.path("value");
    return value.isTextual()
        ? Optional.of(new IpnsValue(value.asText(), reply.path("sequence").asLong()))
        : Optional.empty();
  }

  /** Switches its DHT to client or server mode. */
  public void setMode(Mode mode) {
    if (mode == Mode.AUTO) {
      throw new IllegalArgumentException("the js peer takes client or server, not auto");
    }
    call("setMode", Map.of("mode", mode == Mode.CLIENT ? "client" : "server"), DEFAULT_TIMEOUT);
  }

  /**
   * Stops the node (the {@code stop} command), then kills the process and its children if they
   * outlive a grace.
   */
  @Override
  public void close() {
    try {
      if (process.isAlive() && exited == null) {
        call("stop", Map.of(), STOP_GRACE);
      }
    } catch (JsPeerException ignored) {
      // it is being killed below
    }
    try {
      stdin.close();
    } catch (IOException ignored) {
      // the process is gone
    }
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        destroy();
      }
    } catch (InterruptedException e) {
      destroy();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The CPU time the js peer's process (and any child of it) has used so far, as the OS accounts
   * it.
   */
  public Duration cpuTime() {
    return Stream.concat(Stream.of(process.toHandle()), process.descendants())
        .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
        .reduce(Duration.ZERO, Duration::plus);
  }

  @Override
  public String toString() {
    return "JsPeer[pid=" + process.pid() + ", " + addrs.get(0) + "]";
  }

  private void send(JsonNode request) {
    byte[] line = (request.toString() + "\n").getBytes(StandardCharsets.UTF_8);
    synchronized (stdin) {
      try {
        stdin.write(line);
        stdin.flush();
      } catch (IOException e) {
        throw failure("cannot send " + request, e);
      }
    }
  }

  private void onStdoutLine(String line) {
    JsonNode message;
    try {
      message = JSON.readTree(line);
    } catch (IOException e) {
      output.add("stdout: " + line);
      return;
    }
    if ("ready".equals(message.path("event").asText())) {
      ready.complete(message);
      return;
    }
    CompletableFuture<JsonNode> answer =
        message.has("id") ? pending.get(message.path("id").asLong()) : null;
    if (answer != null) {
      answer.complete(message);
    } else {
      output.add("stdout: " + line);
    }
  }

  /** Reads a stream to its end, a line at a time. */
  private void readLines(InputStream stream, Consumer<String> onLine) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        onLine.accept(line);
      }
    } catch (IOException | UncheckedIOException e) {
      output.add("(reading the js peer's output failed: " + e + ")");
    }
  }

  /** Its stdout ended: it exited or is about to; fail whatever still waits. */
  private void onExit() {
    String code;
    try {
      code =
          process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)
              ? "exit code " + process.exitValue()
              : "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      code = "";
    }
    JsPeerException dead = new JsPeerException("js peer closed its stdout " + code);
    exited = dead;
    ready.completeExceptionally(dead);
    pending.values().forEach(answer -> answer.completeExceptionally(dead));
  }

  private void destroy() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private JsPeerException failure(String message, @Nullable Throwable cause) {
    String text = message + "\n--- js peer pid " + process.pid() + ", recent output ---\n" + output;
    return cause == null ? new JsPeerException(text) : new JsPeerException(text, cause);
  }

  private static void daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
  }

  private static List<PeerId> peerIds(JsonNode array) {
    List<PeerId> ids = new ArrayList<>();
    for (JsonNode id : array) {
      ids.add(PeerId.parse(id.asText()));
    }
    return ids;
  }

  private static PeerInfo peerInfo(JsonNode node) {
    List<Multiaddr> addresses = new ArrayList<>();
    for (JsonNode addr : node.path("addrs")) {
      addresses.add(Multiaddr.parse(addr.asText()));
    }
    return new PeerInfo(PeerId.parse(node.path("id").asText()), addresses);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(item -> texts.add(item.asText()));
    return texts;
  }

  private static @Nullable String textOrNull(JsonNode node) {
    return node.isTextual() ? node.asText() : null;
  }
}
