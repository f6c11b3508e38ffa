package io.reactivedht.core.multiaddr;

import io.reactivedht.core.multiformats.Base58;
import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.multiformats.Multibase;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Converts a component value between its text and binary forms, strictly, per protocol. */
final class ValueCodec {
  private ValueCodec() {}

  static byte[] toBytes(Protocol p, String text) {
    if (text.isEmpty()) {
      throw new DecodingException("multiaddr: " + p.protocolName() + " has an empty value");
    }
    return switch (p) {
      case IP4 -> Ip.parse4(text);
      case IP6 -> Ip.parse6(text);
      case TCP, UDP -> port(text);
      case P2P -> PeerId.parse(text).bytes();
      case CERTHASH -> Multihash.decode(Multibase.decode(text)).bytes();
      case UNIX -> percentDecode(text).getBytes(StandardCharsets.UTF_8);
      default -> text.getBytes(StandardCharsets.UTF_8);
    };
  }

  static String toText(Protocol p, byte[] value) {
    return switch (p) {
      case IP4 -> Ip.format4(value);
      case IP6 -> Ip.format6(value);
      case TCP, UDP -> Integer.toString(((value[0] & 0xFF) << 8) | (value[1] & 0xFF));
      case P2P -> Base58.encode(value);
      case CERTHASH -> Multibase.BASE64_URL.encode(value);
      case UNIX -> percentEncode(utf8(p, value));
      default -> utf8(p, value);
    };
  }

  /**
   * Checks a binary value: one that came off the wire, or one a caller built a {@link Component}
   * from.
   */
  static void validate(Protocol p, byte[] value) {
    switch (p) {
      case P2P -> PeerId.fromBytes(value); // the same peer ids the text form accepts
      case CERTHASH -> Multihash.decode(value);
      case IP4, IP6, TCP, UDP -> {} // fixed sizes are checked by Component
      default -> {
        if (value.length == 0) {
          throw new DecodingException("multiaddr: " + p.protocolName() + " has an empty value");
        }
        String text = utf8(p, value);
        if (p != Protocol.UNIX && text.indexOf('/') >= 0) {
          throw new DecodingException("multiaddr: " + p.protocolName() + " value contains '/'");
        }
      }
    }
  }

  private static byte[] port(String text) {
    if (text.length() > 5 || (text.length() > 1 && text.charAt(0) == '0')) {
      throw new DecodingException("multiaddr: invalid port '" + text + "'");
    }
    int port = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new DecodingException("multiaddr: invalid port '" + text + "'");
      }
      port = port * 10 + (c - '0');
    }
    if (port > 65535) {
      throw new DecodingException("multiaddr: port " + port + " out of range");
    }
    return new byte[] {(byte) (port >>> 8), (byte) port};
  }

  private static String utf8(Protocol p, byte[] value) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(value))
          .toString();
    } catch (CharacterCodingException e) {
      throw new DecodingException("multiaddr: " + p.protocolName() + " value is not UTF-8", e);
    }
  }

  private static String percentEncode(String text) {
    StringBuilder sb = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      boolean unreserved =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "-_.!~*'()".indexOf(c) >= 0;
      if (unreserved) {
        sb.append(c);
      } else {
        sb.append('%')
            .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
      }
    }
    return sb.toString();
  }

  private static String percentDecode(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= text.length()) {
          throw new DecodingException("multiaddr: truncated percent escape in '" + text + "'");
        }
        int hi = Ip.hexDigit(text.charAt(i + 1));
        int lo = Ip.hexDigit(text.charAt(i + 2));
        if (hi < 0 || lo < 0) {
          throw new DecodingException("multiaddr: invalid percent escape in '" + text + "'");
        }
        out.write((hi << 4) | lo);
        i += 2;
      } else {
        int codePoint = text.codePointAt(i);
        out.writeBytes(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(codePoint) - 1;
      }
    }
    return utf8(Protocol.UNIX, out.toByteArray());
  }
}
