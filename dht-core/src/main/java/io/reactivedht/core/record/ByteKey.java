package io.reactivedht.core.record;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A map key made of bytes, with value equality. Holds its own copy, so callers may reuse their
 * arrays.
 */
final class ByteKey {
  private final byte[] bytes;
  private final int hash;

  ByteKey(byte[] bytes) {
    this.bytes = bytes.clone();
    this.hash = Arrays.hashCode(this.bytes);
  }

  int length() {
    return bytes.length;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ByteKey other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "ByteKey[" + bytes.length + " bytes]";
  }
}
