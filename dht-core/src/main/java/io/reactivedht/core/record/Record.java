package io.reactivedht.core.record;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A DHT value record: the key it is stored under ({@code /pk/...}, {@code /ipns/...}), the value,
 * and the time the holder received it (set by the receiver; absent on records being sent for the
 * first time). Immutable; the arrays are copied in and out.
 *
 * @param key the record key bytes
 * @param value the value bytes, checked by the namespace's validator
 * @param timeReceived when the storing node received it, or null
 */
// copied in and out, compared by contents; named after libp2p's record.pb.Record, which it models
@SuppressWarnings({"ArrayRecordComponent", "JavaLangClash"})
public record Record(byte[] key, byte[] value, @Nullable Instant timeReceived) {
  /**
   * Copies the arrays.
   *
   * @param key the record key bytes, copied
   * @param value the value bytes, copied
   * @param timeReceived when the storing node received it, or null
   */
  public Record {
    key = key.clone();
    value = value.clone();
  }

  /**
   * A record as a publisher creates it, without a receive time.
   *
   * @param key the record key bytes, such as {@code /ipns/<peer id bytes>}; copied
   * @param value the value bytes; copied
   * @return a record whose {@link #timeReceived()} is null
   */
  public static Record of(byte[] key, byte[] value) {
    return new Record(key, value, null);
  }

  /**
   * The same record stamped with the receive time {@code now}.
   *
   * @param now the receive time, replacing any earlier one
   * @return a new record with the same key and value
   */
  public Record receivedAt(Instant now) {
    return new Record(key, value, now);
  }

  /**
   * The record key bytes.
   *
   * @return a copy
   */
  @Override
  public byte[] key() {
    return key.clone();
  }

  /**
   * The value bytes.
   *
   * @return a copy
   */
  @Override
  public byte[] value() {
    return value.clone();
  }

  /**
   * The namespace: the text between the first two slashes of the key, or empty if the key has none.
   *
   * @return the namespace, such as {@code "pk"} or {@code "ipns"}; see {@link #namespaceOf}
   */
  public String namespace() {
    return namespaceOf(key);
  }

  /**
   * The namespace of a record key: {@code "pk"} for {@code /pk/...}; empty if the key is not
   * namespaced.
   *
   * @param key record key bytes; not modified
   * @return the UTF-8 text between a leading slash and the next one; empty if {@code key} does not
   *     start with a slash or has no second one
   */
  public static String namespaceOf(byte[] key) {
    if (key.length < 2 || key[0] != '/') {
      return "";
    }
    for (int i = 1; i < key.length; i++) {
      if (key[i] == '/') {
        return new String(key, 1, i - 1, StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Record r
        && Arrays.equals(key, r.key)
        && Arrays.equals(value, r.value)
        && Objects.equals(timeReceived, r.timeReceived);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(key) + Arrays.hashCode(value))
        + Objects.hashCode(timeReceived);
  }

  @Override
  public String toString() {
    return "Record[key="
        + printable(key)
        + ", value="
        + value.length
        + " bytes, timeReceived="
        + timeReceived
        + "]";
  }

  private static String printable(byte[] key) {
    String ns = namespaceOf(key);
    return ns.isEmpty()
        ? key.length + " bytes"
        : "/" + ns + "/<" + (key.length - ns.length() - 2) + " bytes>";
  }
}
