package io.reactivedht.core.multiaddr;

import io.reactivedht.core.multiformats.DecodingException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One protocol of a multiaddr with its binary value (empty for protocols without one). Immutable.
 *
 * @param protocol the protocol
 * @param value the binary value: {@link Protocol#size()} bytes for a fixed-size protocol, empty for
 *     one without a value; held as a copy
 */
@SuppressWarnings("ArrayRecordComponent") // copied in and out, compared by contents
public record Component(Protocol protocol, byte[] value) {
  /**
   * Copies and checks the value: the protocol's fixed size, or a well-formed variable-length value.
   *
   * @param protocol the protocol
   * @param value the binary value, without the length prefix of a variable-length one; copied
   * @throws DecodingException (an {@link IllegalArgumentException}) naming what is wrong
   */
  public Component {
    value = value.clone();
    if (protocol.size() != Protocol.VARIABLE && value.length != protocol.size()) {
      throw new DecodingException(
          "multiaddr: "
              + protocol.protocolName()
              + " takes "
              + protocol.size()
              + " bytes, got "
              + value.length);
    }
    if (protocol.hasValue()) {
      ValueCodec.validate(protocol, value);
    }
  }

  /**
   * The binary value.
   *
   * @return a copy of the value; empty for protocols without one
   */
  @Override
  public byte[] value() {
    return value.clone();
  }

  /**
   * The value in text form, or an empty string for protocols without a value.
   *
   * @return the text, as it appears after {@code /name/} in the multiaddr text form
   */
  public String valueText() {
    return protocol.hasValue() ? ValueCodec.toText(protocol, value) : "";
  }

  @Override
  public boolean equals(@Nullable Object o) {
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
