package io.reactivedht.core.key;

import java.util.Arrays;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/** The XOR of two keys, ordered as a 256-bit unsigned big-endian integer. Immutable. */
public final class Distance implements Comparable<Distance> {
  private final byte[] bytes;

  Distance(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * The distance as a big-endian unsigned integer.
   *
   * @return a copy of the 32 bytes
   */
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * Leading zero bits: the common prefix length of the two keys (256 when they are equal).
   *
   * @return 0 to {@value Key#BITS}
   */
  public int commonPrefixLength() {
    for (int i = 0; i < bytes.length; i++) {
      int x = bytes[i] & 0xFF;
      if (x != 0) {
        return i * 8 + Integer.numberOfLeadingZeros(x) - 24;
      }
    }
    return Key.BITS;
  }

  @Override
  public int compareTo(Distance o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Distance other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Lowercase hex. */
  @Override
  public String toString() {
    return HexFormat.of().formatHex(bytes);
  }
}
