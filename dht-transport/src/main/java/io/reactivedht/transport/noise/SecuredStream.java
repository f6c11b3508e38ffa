package io.reactivedht.transport.noise;

import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.transport.noise.NoiseException.Reason;
import io.reactivedht.transport.stream.ByteStream;
import io.reactivedht.transport.stream.FrameDecoder;
import io.reactivedht.transport.stream.Frames;
import io.reactivedht.transport.stream.InboundBuffer;
import io.reactivedht.transport.stream.StreamEndedException;
import io.reactivedht.transport.stream.StreamResetException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The plaintext side of a Noise transport: writes are gathered until the raw stream is ready to
 * send (a TCP connection's event loop takes its next write), then cut into frames of at most
 * {@value #MAX_PLAINTEXT} bytes, encrypted and written as {@code uint16_be(len) || ciphertext}: the
 * yamux frames of one burst (a stream's window update, its multistream answer, the DHT response and
 * the FIN) cost one encryption and one socket write, not one each. A read loop decrypts the raw
 * frames into a bounded plaintext buffer and stops reading the raw stream while that buffer lacks
 * room for a whole frame, so a reader that stops reading stops the sender.
 */
final class SecuredStream implements ByteStream {
  /** The most plaintext one frame carries: 65535 minus the 16-byte tag. */
  static final int MAX_PLAINTEXT = XxHandshake.MAX_MESSAGE - CipherState.TAG_LENGTH;

  /** The plaintext buffer: 1 MiB plus room for a whole frame. */
  static final int BUFFER_CAPACITY = 1024 * 1024 + 64 * 1024;

  private static final byte[] NO_AD = new byte[0];

  private final ByteStream raw;
  private final CipherState sending;
  private final CipherState receiving;
  private final InboundBuffer plaintext;
  private final Object writeLock = new Object();

  /** Written and not sealed yet; guarded by writeLock. */
  private final List<byte[]> unsealed = new ArrayList<>();

  /** The raw write that will seal {@link #unsealed}, while one is queued; guarded by writeLock. */
  private @Nullable Mono<Void> queuedSeal;

  private final AtomicInteger pumpRequests = new AtomicInteger();
  private final TrackingFrameDecoder frames = new TrackingFrameDecoder();
  private volatile boolean reading;
  private volatile boolean stopped;

  private SecuredStream(ByteStream raw, XxHandshake.Transport transport, String name) {
    this.raw = raw;
    this.sending = transport.sending();
    this.receiving = transport.receiving();
    this.plaintext = new InboundBuffer(name, BUFFER_CAPACITY, consumed -> pump());
  }

  /** Wraps {@code raw} after a finished handshake and starts reading from it. */
  static SecuredStream start(ByteStream raw, XxHandshake.Transport transport, String name) {
    SecuredStream stream = new SecuredStream(raw, transport, name);
    stream.pump();
    return stream;
  }

  /** The decrypted bytes not read yet. */
  int bufferedPlaintext() {
    return plaintext.buffered();
  }

  @Override
  public <T> Mono<T> read(FrameDecoder<T> decoder) {
    return plaintext.read(decoder).doOnError(DecodingException.class, e -> reset());
  }

  /**
   * Adds {@code bytes} to the writes the next raw write seals, queuing that write if none is.
   *
   * @return completes when the frame that carries these bytes went to the raw stream
   */
  @Override
  public Mono<Void> write(byte[] bytes) {
    synchronized (writeLock) {
      unsealed.add(bytes);
      Mono<Void> queued = queuedSeal;
      if (queued != null) {
        return queued;
      }
      Mono<Void> written = raw.writeLater(this::seal); // a raw stream may seal at once
      if (!unsealed.isEmpty()) {
        queuedSeal = written;
      }
      return written;
    }
  }

  /**
   * Encrypts what was written since the last seal into frames, in write order; empty (and the
   * stream reset) if the nonces ran out.
   */
  private byte[] seal() {
    synchronized (writeLock) {
      queuedSeal = null;
      byte[] plaintext =
          unsealed.size() == 1
              ? unsealed.get(0)
              : XxHandshake.concat(unsealed.toArray(byte[][]::new));
      unsealed.clear();
      int frames = (plaintext.length + MAX_PLAINTEXT - 1) / MAX_PLAINTEXT;
      byte[] out = new byte[plaintext.length + frames * (2 + sending.sealedLength(0))];
      int at = 0;
      try {
        for (int offset = 0; offset < plaintext.length; offset += MAX_PLAINTEXT) {
          int length = Math.min(MAX_PLAINTEXT, plaintext.length - offset);
          int sealed = sending.encryptInto(NO_AD, plaintext, offset, length, out, at + 2);
          out[at] = (byte) (sealed >>> 8);
          out[at + 1] = (byte) sealed;
          at += 2 + sealed;
        }
      } catch (NoiseException e) {
        reset();
        return new byte[0];
      }
      return out;
    }
  }

  @Override
  public Mono<Void> closeWrite() {
    synchronized (writeLock) {
      return raw.closeWrite();
    }
  }

  @Override
  public void reset() {
    stopped = true;
    raw.reset();
    plaintext.fail(new StreamResetException("noise: reset locally"));
  }

  /** {@code uint16_be(len) || message}. */
  static byte[] frame(byte[] message) {
    if (message.length > XxHandshake.MAX_MESSAGE) {
      throw new IllegalArgumentException(
          "noise: message of " + message.length + " bytes does not fit a frame");
    }
    byte[] out = new byte[2 + message.length];
    out[0] = (byte) (message.length >>> 8);
    out[1] = (byte) message.length;
    System.arraycopy(message, 0, out, 2, message.length);
    return out;
  }

  /**
   * Reads the next raw frame if none is being read and the plaintext buffer has room for one. A
   * drain loop: a read that completes at once only asks for another turn of the loop, so many
   * buffered frames never recurse deeply.
   */
  private void pump() {
    if (pumpRequests.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      if (!stopped && !reading && plaintext.capacity() - plaintext.buffered() >= MAX_PLAINTEXT) {
        reading = true;
        raw.read(frames).subscribe(this::onFrame, this::onReadError);
      }
      missed = pumpRequests.addAndGet(-missed);
    } while (missed != 0);
  }

  private void onFrame(byte[] frame) {
    byte[] decrypted;
    try {
      decrypted = receiving.decrypt(NO_AD, frame);
    } catch (NoiseException e) {
      fail(e);
      return;
    }
    if (!plaintext.offer(decrypted)) {
      stopped = true; // reset or failed meanwhile
      return;
    }
    reading = false;
    pump();
  }

  private void onReadError(Throwable error) {
    stopped = true;
    if (error instanceof StreamEndedException) {
      if (frames.partial) {
        fail(
            new NoiseException(
                Reason.TRUNCATED_FRAME, "the raw stream ended in the middle of a frame"));
      } else {
        plaintext.end();
      }
    } else {
      plaintext.fail(error);
    }
  }

  private void fail(NoiseException error) {
    stopped = true;
    plaintext.fail(error);
    raw.reset();
  }

  /**
   * The u16-prefixed frame decoder, remembering whether bytes of an incomplete frame were buffered.
   */
  private static final class TrackingFrameDecoder implements FrameDecoder<byte[]> {
    private final FrameDecoder<byte[]> frames = Frames.u16Prefixed();
    private volatile boolean partial;

    @Override
    public byte @Nullable [] decode(ByteBuffer buffered) {
      byte[] frame = frames.decode(buffered);
      partial = frame == null && buffered.hasRemaining();
      return frame;
    }
  }
}
