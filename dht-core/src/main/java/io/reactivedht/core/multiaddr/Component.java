package io.reactivedht.core.multiaddr;

import java.util.Arrays;

/**
 * One protocol of a multiaddr with its binary value (empty for protocols without one). Immutable.
 *
 * @param protocol the protocol
 * @param value the binary value
 */
public record Component(Protocol protocol, byte[] value) {
  /** Copies the value. */
  public Component {
    value = value.clone();
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  /** The value in text form, or an empty string for protocols without a value. */
  public String valueText() {
    return protocol.hasValue() ? ValueCodec.toText(protocol, value) : "";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Component c && protocol == c.protocol && Arrays.equals(value, c.value);
  }

  @Override
  public int hashCode() {
    return protocol.hashCode() * 31 + Arrays.hashCode(value);
  }

  /** {@code /name/value} or {@code /name}. */
  @Override
  public String toString() {
    return "/" + protocol.protocolName() + (protocol.hasValue() ? "/" + valueText() : "");
  }
}
