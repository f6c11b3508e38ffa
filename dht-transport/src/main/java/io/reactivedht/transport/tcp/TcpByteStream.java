package io.reactivedht.transport.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.EventExecutor;
import io.reactivedht.transport.stream.ByteStream;
import io.reactivedht.transport.stream.FrameDecoder;
import io.reactivedht.transport.stream.InboundBuffer;
import io.reactivedht.transport.stream.ResourceLimitException;
import io.reactivedht.transport.stream.StreamResetException;
import io.reactivedht.transport.stream.TrafficCounters;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * A TCP connection as a {@link ByteStream}. Netty delivers chunks one at a time on demand: the next
 * chunk is requested only while fewer than {@value #HIGH_WATER} bytes wait unread, so a slow reader
 * stops the socket reads and TCP pushes back on the sender. The other way, at most {@value
 * #MAX_UNSENT} bytes may wait to be sent: a peer that does not read loses the connection (the write
 * fails with a {@link ResourceLimitException}) instead of making us queue without end.
 */
public final class TcpByteStream implements ByteStream {
  static final int HIGH_WATER = 256 * 1024;
  private static final int MAX_CHUNK = 1024 * 1024;

  /** The most bytes written and not yet handed to the socket: 16 MiB, four whole DHT messages. */
  static final long MAX_UNSENT = 16L << 20;

  private final AtomicLong unsent = new AtomicLong();

  private final Connection connection;
  private final InboundBuffer inbound;
  private final Receiver receiver = new Receiver();
  private final TrafficCounters traffic;

  private TcpByteStream(Connection connection, TrafficCounters traffic) {
    this.connection = connection;
    this.traffic = traffic;
    this.inbound =
        new InboundBuffer(
            "tcp " + connection.channel().remoteAddress(), HIGH_WATER + MAX_CHUNK, this::consumed);
  }

  /** Starts reading from {@code connection}. */
  public static TcpByteStream of(Connection connection) {
    return of(connection, new TrafficCounters());
  }

  /** Starts reading from {@code connection}, counting it and its bytes in {@code traffic}. */
  public static TcpByteStream of(Connection connection, TrafficCounters traffic) {
    TcpByteStream stream = new TcpByteStream(connection, traffic);
    traffic.connectionOpened();
    connection.onDispose(traffic::connectionClosed);
    connection.inbound().receive().subscribe(stream.receiver);
    // the peer's last bytes (a yamux GoAway before it closed) stay readable: a closed connection
    // ends the stream
    connection.onDispose(stream.inbound::end);
    return stream;
  }

  /** The peer's socket address. */
  public SocketAddress remoteAddress() {
    return connection.channel().remoteAddress();
  }

  /** Our socket address. */
  public SocketAddress localAddress() {
    return connection.channel().localAddress();
  }

  /** The event loop the connection runs on. */
  EventExecutor eventLoop() {
    return connection.channel().eventLoop();
  }

  /** Completes when the connection closed, for any reason. */
  public Mono<Void> onClose() {
    return connection.onDispose();
  }

  @Override
  public <T> Mono<T> read(FrameDecoder<T> decoder) {
    return inbound.read(decoder);
  }

  @Override
  public Mono<Void> write(byte[] bytes) {
    if (connection.isDisposed()) {
      return Mono.error(new StreamResetException("tcp: connection closed"));
    }
    ResourceLimitException over = reserve(bytes.length);
    if (over != null) {
      reset();
      return Mono.error(over);
    }
    Channel channel = connection.channel();
    ChannelPromise promise = channel.newPromise();
    promise.addListener(done -> unsent.addAndGet(-bytes.length));
    inOrder(channel, () -> send(channel, bytes, promise));
    return completion(promise);
  }

  /**
   * Makes the bytes on the event loop, just before they are handed to the socket, so that a layer
   * above can gather what was written meanwhile; the {@value #MAX_UNSENT}-byte bound is checked
   * then.
   */
  @Override
  public Mono<Void> writeLater(Supplier<byte[]> bytes) {
    if (connection.isDisposed()) {
      return Mono.error(new StreamResetException("tcp: connection closed"));
    }
    Channel channel = connection.channel();
    ChannelPromise promise = channel.newPromise();
    inOrder(
        channel,
        () -> {
          byte[] made = bytes.get();
          if (made.length == 0) {
            promise.setSuccess();
            return;
          }
          ResourceLimitException over = reserve(made.length);
          if (over != null) {
            promise.setFailure(over);
            reset();
            return;
          }
          promise.addListener(done -> unsent.addAndGet(-made.length));
          send(channel, made, promise);
        });
    return completion(promise);
  }

  /** Counts {@code length} more unsent bytes, or gives the error if that passes the bound. */
  private @Nullable ResourceLimitException reserve(int length) {
    long queued = unsent.addAndGet(length);
    if (queued <= MAX_UNSENT) {
      return null;
    }
    unsent.addAndGet(-length);
    return new ResourceLimitException(
        "tcp "
            + remoteAddress()
            + ": "
            + (queued - length)
            + " bytes wait to be sent and "
            + length
            + " more would pass "
            + MAX_UNSENT
            + ": the peer does not read, the connection is closed");
  }

  /**
   * Hands the bytes to netty on the event loop. Writes always go through the event loop's task
   * queue, even from the event loop itself: netty writes inline when called on the loop but queues
   * a task otherwise, which would let a later write overtake an earlier one (and break the Noise
   * nonce order that the layer above fixed when it called us).
   */
  private void send(Channel channel, byte[] bytes, ChannelPromise promise) {
    traffic.sent(bytes.length);
    var unused = channel.writeAndFlush(Unpooled.wrappedBuffer(bytes), promise); // = promise
  }

  /**
   * Closes the connection once the bytes written so far are flushed (libp2p never half-closes raw
   * TCP).
   */
  @Override
  public Mono<Void> closeWrite() {
    if (connection.isDisposed()) {
      return Mono.empty();
    }
    Channel channel = connection.channel();
    ChannelPromise promise = channel.newPromise();
    inOrder(
        channel,
        () -> {
          var unused = channel.close(promise); // = promise; after the writes queued before it
        });
    return completion(promise);
  }

  @Override
  public void reset() {
    inbound.fail(new StreamResetException("tcp: connection reset locally"));
    // queued like the writes, so bytes written before the reset (a yamux GoAway) still go out first
    inOrder(connection.channel(), connection::dispose);
  }

  /**
   * Runs {@code action} on the channel's event loop after everything queued before (at once if it
   * has none).
   */
  private static void inOrder(Channel channel, Runnable action) {
    if (channel.isRegistered()) {
      channel.eventLoop().execute(action);
    } else {
      action.run();
    }
  }

  private void consumed(int bytes) {
    receiver.resumeIfRoom();
  }

  private static Mono<Void> completion(ChannelFuture future) {
    return Mono.create(
        sink ->
            future.addListener(
                f -> {
                  if (f.isSuccess()) {
                    sink.success();
                  } else if (f.cause() instanceof ResourceLimitException over) {
                    sink.error(over);
                  } else {
                    sink.error(new StreamResetException("tcp: write failed: " + f.cause()));
                  }
                }));
  }

  private final class Receiver extends BaseSubscriber<ByteBuf> {
    private boolean paused;

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
      request(1);
    }

    @Override
    protected void hookOnNext(ByteBuf chunk) {
      byte[] bytes = new byte[chunk.readableBytes()];
      chunk.readBytes(bytes);
      traffic.received(bytes.length);
      if (!inbound.offer(bytes)) {
        inbound.fail(new StreamResetException("tcp: inbound buffer full"));
        connection.dispose();
        return;
      }
      boolean pause;
      synchronized (this) {
        pause = paused = inbound.buffered() >= HIGH_WATER;
      }
      if (!pause) {
        request(1);
      }
    }

    void resumeIfRoom() {
      synchronized (this) {
        if (!paused || inbound.buffered() >= HIGH_WATER) {
          return;
        }
        paused = false;
      }
      request(1);
    }

    @Override
    protected void hookOnComplete() {
      inbound.end();
    }

    @Override
    protected void hookOnError(Throwable error) {
      inbound.fail(new StreamResetException("tcp: " + error));
    }
  }
}
