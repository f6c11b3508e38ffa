package io.reactivedht.core.wire;

import io.reactivedht.core.multiformats.Varint;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@code varint(length) || message} framing of DHT streams, with a bound on the message length.
 * Pure: the reading side looks at the bytes accumulated so far and says whether a whole frame is
 * there, rejecting a declared length above the bound as soon as the prefix shows it, before any of
 * the message is buffered.
 */
public final class MessageFraming {
  /** go's {@code network.MessageSizeMax} and js's default stream buffer: 4 MiB. */
  public static final int DEFAULT_MAX_MESSAGE_SIZE = 4 * 1024 * 1024;

  /** The largest bound a framing takes: a framed message must fit in one Java array. */
  public static final int LARGEST_MAX_MESSAGE_SIZE = Integer.MAX_VALUE - Varint.MAX_BYTES;

  /** Framing bounded at {@link #DEFAULT_MAX_MESSAGE_SIZE}. */
  public static final MessageFraming DEFAULT = new MessageFraming(DEFAULT_MAX_MESSAGE_SIZE);

  private final int maxMessageSize;
  private final int maxPrefixLength;

  /**
   * @param maxMessageSize the longest message accepted or written, in bytes: 0 to {@link
   *     #LARGEST_MAX_MESSAGE_SIZE}
   */
  public MessageFraming(int maxMessageSize) {
    if (maxMessageSize < 0 || maxMessageSize > LARGEST_MAX_MESSAGE_SIZE) {
      throw new IllegalArgumentException("max message size out of range: " + maxMessageSize);
    }
    this.maxMessageSize = maxMessageSize;
    this.maxPrefixLength = Varint.size(maxMessageSize);
  }

  /**
   * The longest message accepted or written.
   *
   * @return the bound in bytes, without the length prefix
   */
  public int maxMessageSize() {
    return maxMessageSize;
  }

  /**
   * The message with its length prefix.
   *
   * @param message the message bytes; not modified
   * @return a new array: the varint length, then a copy of {@code message}
   * @throws IllegalArgumentException if the message is longer than {@link #maxMessageSize()}
   */
  public byte[] frame(byte[] message) {
    if (message.length > maxMessageSize) {
      throw new IllegalArgumentException(
          "dht frame: message of "
              + message.length
              + " bytes exceeds the maximum "
              + maxMessageSize);
    }
    byte[] prefix = Varint.encode(message.length);
    byte[] framed = Arrays.copyOf(prefix, prefix.length + message.length);
    System.arraycopy(message, 0, framed, prefix.length, message.length);
    return framed;
  }

  /**
   * Reads the length prefix at the start of {@code buffer[offset, offset + length)}.
   *
   * @param buffer the bytes received so far; not modified
   * @param offset where the frame starts in {@code buffer}
   * @param length how many bytes from {@code offset} are valid
   * @return the prefix, or null while it is incomplete
   * @throws MalformedMessageException if the prefix is not a minimal varint or declares more than
   *     {@link #maxMessageSize()}; the latter is detected from the prefix alone
   */
  public @Nullable Header header(byte[] buffer, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    long value = 0;
    for (int i = 0; i < length; i++) {
      int b = buffer[offset + i] & 0xFF;
      value |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw new MalformedMessageException("dht frame: length prefix is not minimally encoded");
        }
        if (value > maxMessageSize) {
          throw tooLarge(Long.toString(value));
        }
        return new Header(i + 1, (int) value);
      }
      if (i + 1
          == maxPrefixLength) { // a minimal varint one byte longer than the maximum's is above it
        throw tooLarge("0x" + HexFormat.of().formatHex(buffer, offset, offset + i + 1) + "...");
      }
    }
    return null;
  }

  /**
   * Takes the first whole frame from {@code buffer[offset, offset + length)}.
   *
   * @param buffer the bytes received so far; not modified
   * @param offset where the frame starts in {@code buffer}
   * @param length how many bytes from {@code offset} are valid; bytes past the first frame are
   *     ignored
   * @return the frame, or null while more bytes are needed
   * @throws MalformedMessageException as {@link #header} does
   */
  public @Nullable Frame next(byte[] buffer, int offset, int length) {
    Header header = header(buffer, offset, length);
    if (header == null || length < header.frameLength()) {
      return null;
    }
    int start = offset + header.prefixLength();
    return new Frame(
        Arrays.copyOfRange(buffer, start, start + header.messageLength()), header.frameLength());
  }

  private MalformedMessageException tooLarge(String declared) {
    return new MalformedMessageException(
        "dht frame: declared length "
            + declared
            + " exceeds the maximum message size "
            + maxMessageSize);
  }

  /**
   * A decoded length prefix.
   *
   * @param prefixLength the bytes the varint took
   * @param messageLength the message length it declares
   */
  public record Header(int prefixLength, int messageLength) {
    /**
     * Prefix plus message: the bytes the whole frame takes.
     *
     * @return {@code prefixLength + messageLength}
     */
    public int frameLength() {
      return prefixLength + messageLength;
    }
  }

  /**
   * A whole frame.
   *
   * @param message the message bytes, without the prefix
   * @param frameLength the bytes the frame took in the buffer: consume this many
   */
  @SuppressWarnings("ArrayRecordComponent") // copied in and out, compared by contents
  public record Frame(byte[] message, int frameLength) {
    /**
     * Copies the message.
     *
     * @param message the message bytes, without the prefix; copied
     * @param frameLength the bytes the frame took in the buffer
     */
    public Frame {
      message = message.clone();
    }

    /**
     * The message bytes, without the prefix.
     *
     * @return a copy
     */
    @Override
    public byte[] message() {
      return message.clone();
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Frame f
          && frameLength == f.frameLength
          && Arrays.equals(message, f.message);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(message) + frameLength;
    }

    @Override
    public String toString() {
      return "Frame[message=" + message.length + " bytes, frameLength=" + frameLength + "]";
    }
  }
}
