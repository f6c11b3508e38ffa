package io.reactivedht.core.multiaddr;

import io.reactivedht.core.multiformats.DecodingException;
import java.util.HashMap;
import java.util.Map;

/**
 * The multiaddr protocols this library reads and writes (multiformats protocols.csv): code, name
 * and value size. Anything else is rejected with a {@link DecodingException} naming the unknown
 * code or name.
 */
public enum Protocol {
  IP4(4, "ip4", 4),
  TCP(6, "tcp", 2),
  UDP(273, "udp", 2),
  IP6(41, "ip6", 16),
  IP6ZONE(42, "ip6zone", Protocol.VARIABLE),
  DNS(53, "dns", Protocol.VARIABLE),
  DNS4(54, "dns4", Protocol.VARIABLE),
  DNS6(55, "dns6", Protocol.VARIABLE),
  DNSADDR(56, "dnsaddr", Protocol.VARIABLE),
  P2P(421, "p2p", Protocol.VARIABLE),
  P2P_CIRCUIT(290, "p2p-circuit", 0),
  WEBRTC_DIRECT(280, "webrtc-direct", 0),
  WEBRTC(281, "webrtc", 0),
  UNIX(400, "unix", Protocol.VARIABLE),
  TLS(448, "tls", 0),
  SNI(449, "sni", Protocol.VARIABLE),
  NOISE(454, "noise", 0),
  QUIC(460, "quic", 0),
  QUIC_V1(461, "quic-v1", 0),
  WEBTRANSPORT(465, "webtransport", 0),
  CERTHASH(466, "certhash", Protocol.VARIABLE),
  WS(477, "ws", 0),
  WSS(478, "wss", 0),
  HTTP(480, "http", 0),
  HTTPS(443, "https", 0);

  /** The size of length-prefixed values. */
  public static final int VARIABLE = -1;

  private static final Map<Long, Protocol> BY_CODE = new HashMap<>();
  private static final Map<String, Protocol> BY_NAME = new HashMap<>();

  static {
    for (Protocol p : values()) {
      BY_CODE.put(p.code, p);
      BY_NAME.put(p.name, p);
    }
    BY_NAME.put("ipfs", P2P);
  }

  private final long code;
  private final String name;
  private final int size;

  Protocol(long code, String name, int size) {
    this.code = code;
    this.name = name;
    this.size = size;
  }

  /** The multicodec code. */
  public long code() {
    return code;
  }

  /** The canonical text name. */
  public String protocolName() {
    return name;
  }

  /** The value size in bytes: 0 for none, {@link #VARIABLE} for length-prefixed. */
  public int size() {
    return size;
  }

  /** Whether the protocol takes a value. */
  public boolean hasValue() {
    return size != 0;
  }

  /** The protocol for a code. @throws DecodingException if unknown */
  public static Protocol forCode(long code) {
    Protocol p = BY_CODE.get(code);
    if (p == null) {
      throw new DecodingException("multiaddr: unknown protocol code " + code);
    }
    return p;
  }

  /**
   * The protocol for a text name (including the {@code ipfs} alias of {@code p2p}). @throws
   * DecodingException if unknown
   */
  public static Protocol forName(String name) {
    Protocol p = BY_NAME.get(name);
    if (p == null) {
      throw new DecodingException("multiaddr: unknown protocol '" + name + "'");
    }
    return p;
  }
}
