package io.reactivedht.core.multiaddr;

import io.reactivedht.core.multiformats.DecodingException;

/**
 * Strict IPv4 and IPv6 literal parsing and canonical formatting (RFC 5952 for IPv6), written here
 * because {@code InetAddress} would resolve names and accepts forms the multiaddr spec does not.
 */
final class Ip {
  private Ip() {}

  static byte[] parse4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      throw new DecodingException("multiaddr: invalid IPv4 address '" + text + "'");
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      out[i] = (byte) octet(parts[i], text);
    }
    return out;
  }

  private static int octet(String part, String text) {
    if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
      throw new DecodingException("multiaddr: invalid IPv4 address '" + text + "'");
    }
    int v = 0;
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c < '0' || c > '9') {
        throw new DecodingException("multiaddr: invalid IPv4 address '" + text + "'");
      }
      v = v * 10 + (c - '0');
    }
    if (v > 255) {
      throw new DecodingException("multiaddr: invalid IPv4 address '" + text + "'");
    }
    return v;
  }

  static String format4(byte[] b) {
    return (b[0] & 0xFF) + "." + (b[1] & 0xFF) + "." + (b[2] & 0xFF) + "." + (b[3] & 0xFF);
  }

  static byte[] parse6(String text) {
    int doubleColon = text.indexOf("::");
    if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
      throw new DecodingException("multiaddr: invalid IPv6 address '" + text + "' (two '::')");
    }
    int[] head;
    int[] tail;
    if (doubleColon >= 0) {
      head = groups(text.substring(0, doubleColon), text, false);
      tail = groups(text.substring(doubleColon + 2), text, true);
      if (head.length + tail.length > 7) {
        throw new DecodingException("multiaddr: invalid IPv6 address '" + text + "'");
      }
    } else {
      head = groups(text, text, true);
      tail = new int[0];
      if (head.length != 8) {
        throw new DecodingException("multiaddr: invalid IPv6 address '" + text + "'");
      }
    }
    int[] all = new int[8];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(tail, 0, all, 8 - tail.length, tail.length);
    byte[] out = new byte[16];
    for (int i = 0; i < 8; i++) {
      out[2 * i] = (byte) (all[i] >>> 8);
      out[2 * i + 1] = (byte) all[i];
    }
    return out;
  }

  /** Parses colon-separated hex groups; the last one may be a dotted IPv4 address (two groups). */
  private static int[] groups(String part, String text, boolean ipv4TailAllowed) {
    if (part.isEmpty()) {
      return new int[0];
    }
    String[] pieces = part.split(":", -1);
    boolean ipv4Tail = ipv4TailAllowed && pieces[pieces.length - 1].contains(".");
    int[] out = new int[pieces.length + (ipv4Tail ? 1 : 0)];
    for (int i = 0; i < pieces.length; i++) {
      String g = pieces[i];
      if (ipv4Tail && i == pieces.length - 1) {
        byte[] v4 = parse4(g);
        out[i] = ((v4[0] & 0xFF) << 8) | (v4[1] & 0xFF);
        out[i + 1] = ((v4[2] & 0xFF) << 8) | (v4[3] & 0xFF);
        continue;
      }
      if (g.isEmpty() || g.length() > 4) {
        throw new DecodingException("multiaddr: invalid IPv6 address '" + text + "'");
      }
      int v = 0;
      for (int j = 0; j < g.length(); j++) {
        int d = hexDigit(g.charAt(j));
        if (d < 0) {
          throw new DecodingException("multiaddr: invalid IPv6 address '" + text + "'");
        }
        v = (v << 4) | d;
      }
      out[i] = v;
    }
    return out;
  }

  /**
   * The value of an ASCII hex digit of either case, or -1 (unlike {@code Character.digit}, no other
   * scripts).
   */
  static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  }

  /**
   * RFC 5952: lowercase, no leading zeros, the longest run (>= 2) of zero groups, leftmost on ties,
   * as '::'.
   */
  static String format6(byte[] b) {
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }
}
