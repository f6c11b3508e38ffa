package io.reactivedht.core.multiformats;

import java.util.Arrays;

/**
 * A bounds-checked cursor over a byte array for the hand-written decoders (multihash, CID,
 * multiaddr, CBOR, key protobufs). Every read checks the remaining length first and throws {@link
 * DecodingException} naming {@code what} is being decoded, so no read allocates more than the input
 * holds.
 */
public final class ByteReader {
  private final byte[] in;
  private final String what;
  private int pos;

  /**
   * A reader at the start of {@code in}.
   *
   * @param in the bytes to read; not copied, so they must not change while being read
   * @param what a name for error messages, e.g. {@code "multiaddr"}
   */
  public ByteReader(byte[] in, String what) {
    this.in = in;
    this.what = what;
  }

  /**
   * Bytes not read yet.
   *
   * @return the number of unread bytes
   */
  public int remaining() {
    return in.length - pos;
  }

  /**
   * Whether every byte has been read.
   *
   * @return {@code true} if no bytes remain
   */
  public boolean atEnd() {
    return pos == in.length;
  }

  /**
   * The current offset.
   *
   * @return the number of bytes read so far, from the start of the input
   */
  public int position() {
    return pos;
  }

  /**
   * Reads one unsigned byte.
   *
   * @return the byte, from 0 to 255
   */
  public int readUnsignedByte() {
    need(1);
    return in[pos++] & 0xFF;
  }

  /**
   * Reads a varint (multiformats rules).
   *
   * @return the value, non-negative (at most 63 bits)
   */
  public long readVarint() {
    try {
      Varint.Decoded d = Varint.decode(in, pos);
      pos += d.length();
      return d.value();
    } catch (DecodingException e) {
      throw new DecodingException(what + ": " + e.getMessage());
    }
  }

  /**
   * Reads a varint that must fit in an int no larger than {@code max}.
   *
   * @param max the largest length accepted; a larger one throws {@link DecodingException}
   * @return the length, from 0 to {@code max}
   */
  public int readLength(int max) {
    long n = readVarint();
    if (n > max) {
      throw new DecodingException(what + ": length " + n + " exceeds " + max);
    }
    return (int) n;
  }

  /**
   * Reads exactly {@code n} bytes.
   *
   * @param n the number of bytes; a negative count or one beyond {@link #remaining()} throws {@link
   *     DecodingException}
   * @return a new array of {@code n} bytes
   */
  public byte[] readBytes(int n) {
    need(n);
    byte[] out = Arrays.copyOfRange(in, pos, pos + n);
    pos += n;
    return out;
  }

  /**
   * Reads a varint length and then that many bytes, which must be present.
   *
   * @return a new array of the bytes after the length prefix
   */
  public byte[] readLengthPrefixed() {
    return readBytes(readLength(remaining()));
  }

  /**
   * Reads everything that is left.
   *
   * @return a new array of the unread bytes; empty at the end
   */
  public byte[] readRest() {
    return readBytes(remaining());
  }

  private void need(int n) {
    if (n < 0 || n > remaining()) {
      throw new DecodingException(
          what + ": truncated (need " + n + " bytes, " + remaining() + " left)");
    }
  }
}
