package io.reactivedht.store.rocksdb;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/** Bytes as a map key, compared by contents; the array is not copied and must not change. */
final class Bytes {
  final byte[] bytes;
  private final int hash;

  Bytes(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "Bytes[" + bytes.length + "]";
  }
}
