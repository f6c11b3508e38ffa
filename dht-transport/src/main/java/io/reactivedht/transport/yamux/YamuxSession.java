package io.reactivedht.transport.yamux;

import static io.reactivedht.transport.yamux.FrameHeader.ACK;
import static io.reactivedht.transport.yamux.FrameHeader.DATA;
import static io.reactivedht.transport.yamux.FrameHeader.GO_AWAY;
import static io.reactivedht.transport.yamux.FrameHeader.GO_AWAY_NORMAL;
import static io.reactivedht.transport.yamux.FrameHeader.GO_AWAY_PROTOCOL_ERROR;
import static io.reactivedht.transport.yamux.FrameHeader.PING;
import static io.reactivedht.transport.yamux.FrameHeader.RST;
import static io.reactivedht.transport.yamux.FrameHeader.SYN;
import static io.reactivedht.transport.yamux.FrameHeader.WINDOW_UPDATE;

import io.reactivedht.transport.config.YamuxConfig;
import io.reactivedht.transport.resource.ResourceScope;
import io.reactivedht.transport.stream.ByteStream;
import io.reactivedht.transport.stream.ResourceLimitException;
import io.reactivedht.transport.stream.StreamResetException;
import io.reactivedht.transport.stream.TrafficCounters;
import io.reactivedht.transport.yamux.FrameReader.BodyChunk;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;

/**
 * A yamux session (WIRE section 5) over a secured, ordered {@link ByteStream}: opens and accepts
 * {@link YamuxStream}s, answers pings and ends with GoAway.
 *
 * <p>Threading: the read loop runs on whatever thread the transport completes reads on (its event
 * loop). It handles each frame inline: stream reads, window-blocked writes and pings complete on
 * it, and the {@code inboundStreams} consumer is called on it, so none of those may block. All
 * session and stream state sits behind one lock, held only for short bookkeeping and for handing
 * frames to {@code transport.write}, which fixes their order on the wire; no callback runs while it
 * is held.
 *
 * <p>Closing ({@link #close}) is immediate: GoAway(normal) is sent, every open stream fails with
 * {@link StreamResetException}, and the transport is half-closed and then reset. Callers that want
 * a graceful end finish their streams before closing.
 */
public final class YamuxSession {
  /** The multistream-select protocol id of yamux. */
  public static final String PROTOCOL_ID = "/yamux/1.0.0";

  private static final Logger LOG = Logger.getLogger(YamuxSession.class.getName());
  private static final int MAX_PENDING_PINGS = 16;
  private static final long MAX_STREAM_ID = 0xFFFF_FFFFL;

  private final ByteStream transport;
  private final boolean client;
  private final YamuxConfig config;
  private final ResourceScope memory;
  private final Consumer<YamuxStream> inboundStreams;
  private final LongSupplier nanoClock;
  private final TrafficCounters traffic;
  private final Disposable.Swap readLoop = Disposables.swap();
  private final Sinks.Empty<Void> closed = Sinks.empty();

  /**
   * Guards everything below and every stream's state; frames are handed to the transport while
   * holding it.
   */
  final Object lock = new Object();

  private final Map<Integer, YamuxStream> streams = new HashMap<>();
  private final Map<Integer, PendingPing> pings = new HashMap<>();
  private int inboundCount;
  private int outboundCount;
  private long nextStreamId;
  private int nextPingOpaque;
  private boolean started;
  private boolean localGoAway;
  private boolean remoteGoAway;
  private boolean isClosed;

  // Read-loop state, touched by one read at a time.
  private final FrameReader reader = new FrameReader();
  private @Nullable FrameHeader dataHeader;
  private @Nullable YamuxStream dataTarget;

  /**
   * @param transport the secured connection; the session owns it from {@link #start} on
   * @param client true for the dialer, which opens odd stream ids; false for the listener (even
   *     ids)
   * @param config the limits
   * @param inboundStreams receives each stream the remote opens, on the read loop's thread, after
   *     it was accepted
   */
  public YamuxSession(
      ByteStream transport,
      boolean client,
      YamuxConfig config,
      Consumer<YamuxStream> inboundStreams) {
    this(transport, client, config, inboundStreams, System::nanoTime, ResourceScope.unlimited());
  }

  /**
   * As {@link #YamuxSession(ByteStream, boolean, YamuxConfig, Consumer)}, timing pings with {@code
   * nanoClock} and charging the bytes its streams receive and have not read yet, and its inbound
   * streams, to {@code memory}: a data frame that the scope refuses resets its stream with a {@link
   * ResourceLimitException}, and a stream the scope has no room for is refused with RST.
   */
  public YamuxSession(
      ByteStream transport,
      boolean client,
      YamuxConfig config,
      Consumer<YamuxStream> inboundStreams,
      LongSupplier nanoClock,
      ResourceScope memory) {
    this(transport, client, config, inboundStreams, nanoClock, memory, new TrafficCounters());
  }

  /**
   * As the other constructors, counting the streams open in {@code traffic} (the host's counters).
   */
  public YamuxSession(
      ByteStream transport,
      boolean client,
      YamuxConfig config,
      Consumer<YamuxStream> inboundStreams,
      LongSupplier nanoClock,
      ResourceScope memory,
      TrafficCounters traffic) {
    this.traffic = traffic;
    this.memory = memory;
    this.transport = transport;
    this.client = client;
    this.config = config;
    this.inboundStreams = inboundStreams;
    this.nanoClock = nanoClock;
    this.nextStreamId = client ? 1 : 2;
  }

  /**
   * Starts reading frames from the transport. Each frame is one {@code transport.read}, repeated
   * without recursion however many frames are already buffered.
   *
   * @throws IllegalStateException if already started
   */
  public void start() {
    synchronized (lock) {
      if (started) {
        throw new IllegalStateException("yamux session already started");
      }
      started = true;
    }
    readLoop.update(
        Mono.defer(() -> transport.read(reader))
            .doOnNext(this::handle)
            .repeat(() -> !isClosed())
            .subscribe(
                null,
                this::onReadError,
                () -> terminate(new StreamResetException("yamux session closed"), -1)));
  }

  /**
   * Opens a stream: each subscription sends WindowUpdate|SYN and emits the stream at once, without
   * waiting for the remote's ACK (data may follow right away; a refusal shows as a reset).
   *
   * @return the stream; fails with {@link StreamResetException} if the session is closed or either
   *     side sent GoAway, with {@link IllegalStateException} if {@link
   *     YamuxConfig#maxOutboundStreams} are open
   */
  public Mono<YamuxStream> openStream() {
    return Mono.create(
        sink -> {
          YamuxStream stream = null;
          RuntimeException refused = null;
          synchronized (lock) {
            if (isClosed || localGoAway) {
              refused = new StreamResetException("yamux session is closed");
            } else if (remoteGoAway) {
              refused = new StreamResetException("yamux: the remote sent GoAway");
            } else if (outboundCount >= config.maxOutboundStreams()) {
              refused =
                  new IllegalStateException(
                      "yamux: "
                          + outboundCount
                          + " outbound streams open, the limit is "
                          + config.maxOutboundStreams());
            } else if (nextStreamId > MAX_STREAM_ID) {
              refused = new StreamResetException("yamux: stream ids exhausted");
            } else {
              int id = (int) nextStreamId;
              nextStreamId += 2;
              stream = new YamuxStream(this, id, config);
              streams.put(id, stream);
              traffic.streamOpened();
              outboundCount++;
              writeLocked(
                  FrameHeader.of(
                      WINDOW_UPDATE,
                      SYN,
                      id,
                      config.initialWindow() - YamuxConfig.PROTOCOL_WINDOW));
            }
          }
          if (refused != null) {
            sink.error(refused);
          } else {
            sink.success(stream);
          }
        });
  }

  /**
   * Measures the round trip: each subscription sends a Ping with SYN and a fresh opaque value and
   * completes when the remote's ACK echoes it. Apply a timeout: a remote that never answers leaves
   * it pending.
   *
   * @return the round-trip time; fails with {@link StreamResetException} if the session is or gets
   *     closed, with {@link IllegalStateException} if too many pings are in flight
   */
  public Mono<Duration> ping() {
    return Mono.create(
        sink -> {
          RuntimeException refused = null;
          int opaque = 0;
          synchronized (lock) {
            if (isClosed) {
              refused = new StreamResetException("yamux session is closed");
            } else if (pings.size() >= MAX_PENDING_PINGS) {
              refused =
                  new IllegalStateException(
                      "yamux: " + MAX_PENDING_PINGS + " pings already in flight");
            } else {
              opaque = nextPingOpaque++;
              pings.put(opaque, new PendingPing(sink, nanoClock.getAsLong()));
              writeLocked(FrameHeader.of(PING, SYN, 0, opaque));
            }
          }
          if (refused != null) {
            sink.error(refused);
            return;
          }
          int key = opaque;
          sink.onCancel(
              () -> {
                synchronized (lock) {
                  pings.remove(key);
                }
              });
        });
  }

  /**
   * Closes the session now: sends GoAway(normal), fails every open stream and pending ping with
   * {@link StreamResetException}, half-closes the transport and then resets it. Idempotent.
   *
   * @return {@link #onClose()}
   */
  public Mono<Void> close() {
    terminate(new StreamResetException("yamux session closed locally"), GO_AWAY_NORMAL);
    return onClose();
  }

  /** Completes (never fails) once the session ended, whatever the reason. */
  public Mono<Void> onClose() {
    return closed.asMono();
  }

  /** Whether the session ended. */
  public boolean isClosed() {
    synchronized (lock) {
      return isClosed;
    }
  }

  /**
   * Whether {@link #openStream} can still succeed: false once the session is closed or either side
   * sent GoAway (after the remote's GoAway the session lives on only to finish its open streams).
   */
  public boolean acceptsNewStreams() {
    synchronized (lock) {
      return !isClosed && !localGoAway && !remoteGoAway;
    }
  }

  /** The number of streams open in at least one direction. */
  public int streamCount() {
    synchronized (lock) {
      return streams.size();
    }
  }

  // ---- the read loop

  private void handle(Object item) {
    if (item instanceof BodyChunk chunk) {
      handleBody(chunk);
    } else {
      handleHeader((FrameHeader) item);
    }
  }

  private void handleHeader(FrameHeader header) {
    if (header.version() != 0) {
      throw new YamuxException("unsupported yamux version " + header.version());
    }
    List<Runnable> after = new ArrayList<>(2);
    synchronized (lock) {
      if (isClosed) {
        return;
      }
      switch (header.type()) {
        case DATA, WINDOW_UPDATE -> onStreamHeaderLocked(header, after);
        case PING -> onPingLocked(header, after);
        case GO_AWAY -> remoteGoAway = true;
        default -> throw new YamuxException("unknown yamux frame type " + header.type());
      }
    }
    runAll(after);
    if (header.type() == GO_AWAY && header.length() != GO_AWAY_NORMAL) {
      // like go: an error GoAway ends the session; after a normal one, open streams finish first
      terminate(
          new StreamResetException(
              "yamux: the remote sent GoAway with error code "
                  + Integer.toUnsignedString(header.length())),
          -1);
    }
  }

  private void onStreamHeaderLocked(FrameHeader header, List<Runnable> after) {
    int id = header.streamId();
    YamuxStream stream = streams.get(id);
    if (header.has(SYN)) {
      stream = acceptLocked(id, stream, after);
    }
    if (header.type() == DATA && header.length() != 0) {
      if (stream != null && !stream.reserveLocked(header.unsignedLength(), after)) {
        stream = null; // over the memory budget: the stream is reset, its payload discarded
      }
      dataHeader = header; // flags other than SYN apply once the payload was read
      dataTarget = stream;
      return;
    }
    if (stream != null) {
      if (header.type() == WINDOW_UPDATE) {
        stream.addSendWindowLocked(header.unsignedLength(), after);
      }
      stream.onFlagsLocked(header.flags(), after);
    }
  }

  /** Handles a SYN: the new stream, or null if it was refused with RST. */
  private @Nullable YamuxStream acceptLocked(
      int id, @Nullable YamuxStream existing, List<Runnable> after) {
    if (existing != null) {
      throw new YamuxException("SYN reuses the open stream id " + Integer.toUnsignedString(id));
    }
    if (id == 0 || isOwnId(id)) {
      throw new YamuxException(
          "SYN on stream "
              + Integer.toUnsignedString(id)
              + " has this side's parity: both"
              + " endpoints are "
              + (client ? "clients" : "servers"));
    }
    if (localGoAway || inboundCount >= config.maxInboundStreams() || !memory.tryOpenStream()) {
      writeLocked(FrameHeader.of(WINDOW_UPDATE, RST, id, 0));
      return null;
    }
    YamuxStream stream = new YamuxStream(this, id, config);
    streams.put(id, stream);
    traffic.streamOpened();
    inboundCount++;
    writeLocked(
        FrameHeader.of(
            WINDOW_UPDATE, ACK, id, config.initialWindow() - YamuxConfig.PROTOCOL_WINDOW));
    after.add(() -> accept(stream));
    return stream;
  }

  private void accept(YamuxStream stream) {
    try {
      inboundStreams.accept(stream);
    } catch (RuntimeException e) {
      stream.reset();
    }
  }

  private void handleBody(BodyChunk chunk) {
    YamuxStream target = dataTarget;
    FrameHeader header = dataHeader;
    if (chunk.last()) {
      dataTarget = null;
      dataHeader = null;
    }
    if (target == null) {
      return; // an unknown, closed or refused stream: the bytes are discarded
    }
    target.received(chunk.bytes());
    if (chunk.last() && header != null) {
      List<Runnable> after = new ArrayList<>(2);
      synchronized (lock) {
        if (!isClosed) {
          target.onFlagsLocked(header.flags(), after);
        }
      }
      runAll(after);
    }
  }

  private void onPingLocked(FrameHeader header, List<Runnable> after) {
    // js compares flags by equality: answer exactly SYN with exactly ACK, never send an unsolicited
    // ACK
    if (header.flags() == SYN) {
      writeLocked(FrameHeader.of(PING, ACK, 0, header.length()));
    } else if (header.flags() == ACK) {
      PendingPing ping = pings.remove(header.length());
      if (ping != null) {
        Duration rtt = Duration.ofNanos(nanoClock.getAsLong() - ping.sentNanos());
        after.add(() -> ping.sink().success(rtt));
      }
    }
  }

  private void onReadError(Throwable error) {
    LOG.log(Level.FINE, () -> "yamux session ended by a read failure: " + error);
    if (error instanceof YamuxException) {
      StreamResetException reason =
          new StreamResetException("yamux protocol error: " + error.getMessage());
      reason.initCause(error);
      terminate(reason, GO_AWAY_PROTOCOL_ERROR);
    } else {
      StreamResetException reason =
          new StreamResetException("yamux connection ended: " + error.getMessage());
      reason.initCause(error);
      terminate(reason, -1);
    }
  }

  /**
   * Ends the session: sends GoAway {@code goAwayCode} unless it is -1, fails streams and pings,
   * closes the transport.
   */
  private void terminate(StreamResetException reason, int goAwayCode) {
    List<YamuxStream> open;
    List<PendingPing> pending;
    List<Runnable> after = new ArrayList<>();
    synchronized (lock) {
      if (isClosed) {
        return;
      }
      if (goAwayCode >= 0) {
        writeLocked(FrameHeader.of(GO_AWAY, 0, 0, goAwayCode));
      }
      localGoAway = true;
      isClosed = true;
      open = new ArrayList<>(streams.values());
      pending = new ArrayList<>(pings.values());
      pings.clear();
      for (YamuxStream stream : open) {
        stream.resetLocked(stream + ": " + reason.getMessage(), reason, false, after);
      }
      for (int left = streams.size(); left > 0; left--) {
        traffic.streamClosed(); // none should be left: each reset removed its stream
      }
      streams.clear(); // each reset removed its stream and gave back its counts
      inboundCount = 0;
      outboundCount = 0;
    }
    readLoop.dispose();
    runAll(after);
    for (PendingPing ping : pending) {
      StreamResetException error = new StreamResetException(String.valueOf(reason.getMessage()));
      error.initCause(reason.getCause());
      ping.sink().error(error);
    }
    transport
        .closeWrite()
        .onErrorResume(e -> Mono.empty())
        .doFinally(s -> transport.reset())
        .subscribe();
    closed.tryEmitEmpty();
  }

  // ---- called by streams, holding the lock

  /**
   * Hands a frame to the transport; the lock fixes the order. Write failures also fail the
   * transport's reads.
   */
  void writeLocked(FrameHeader header) {
    writeLocked(header.encode());
  }

  void writeLocked(FrameHeader header, byte[] payload, int offset, int count) {
    writeLocked(header.encodeWith(payload, offset, count));
  }

  private void writeLocked(byte[] frame) {
    if (!isClosed) {
      transport.write(frame).subscribe(null, error -> {});
    }
  }

  boolean isClosedLocked() {
    return isClosed;
  }

  /** The scope its streams' unread bytes are charged to. */
  ResourceScope memory() {
    return memory;
  }

  void removeLocked(YamuxStream stream) {
    stream.releaseMemoryLocked();
    if (streams.remove(stream.id(), stream)) {
      traffic.streamClosed();
      if (isOwnId(stream.id())) {
        outboundCount--;
      } else {
        inboundCount--;
        memory.closeStream();
      }
    }
  }

  private boolean isOwnId(int id) {
    return ((id & 1) == 1) == client;
  }

  static void runAll(List<Runnable> actions) {
    for (Runnable action : actions) {
      action.run();
    }
  }

  private record PendingPing(MonoSink<Duration> sink, long sentNanos) {}
}
