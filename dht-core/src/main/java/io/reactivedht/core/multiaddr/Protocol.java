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
  /** {@code /ip4}: an IPv4 address, 4 bytes. */
  IP4(4, "ip4", 4),
  /** {@code /tcp}: a TCP port, 2 bytes big-endian. */
  TCP(6, "tcp", 2),
  /** {@code /udp}: a UDP port, 2 bytes big-endian. */
  UDP(273, "udp", 2),
  /** {@code /ip6}: an IPv6 address, 16 bytes. */
  IP6(41, "ip6", 16),
  /** {@code /ip6zone}: the zone of the IPv6 address that follows, e.g. {@code eth0}; UTF-8. */
  IP6ZONE(42, "ip6zone", Protocol.VARIABLE),
  /** {@code /dns}: a DNS name to resolve to IPv4 or IPv6 addresses; UTF-8. */
  DNS(53, "dns", Protocol.VARIABLE),
  /** {@code /dns4}: a DNS name to resolve to IPv4 addresses only; UTF-8. */
  DNS4(54, "dns4", Protocol.VARIABLE),
  /** {@code /dns6}: a DNS name to resolve to IPv6 addresses only; UTF-8. */
  DNS6(55, "dns6", Protocol.VARIABLE),
  /** {@code /dnsaddr}: a DNS name whose TXT records list multiaddrs; UTF-8. */
  DNSADDR(56, "dnsaddr", Protocol.VARIABLE),
  /** {@code /p2p} (alias {@code /ipfs}): a peer id, as its multihash bytes. */
  P2P(421, "p2p", Protocol.VARIABLE),
  /** {@code /p2p-circuit}: a connection through a relay; no value. */
  P2P_CIRCUIT(290, "p2p-circuit", 0),
  /** {@code /webrtc-direct}: WebRTC to a server without signalling; no value. */
  WEBRTC_DIRECT(280, "webrtc-direct", 0),
  /** {@code /webrtc}: WebRTC set up through a relay; no value. */
  WEBRTC(281, "webrtc", 0),
  /** {@code /unix}: a Unix socket path, UTF-8; percent-encoded in the text form. */
  UNIX(400, "unix", Protocol.VARIABLE),
  /** {@code /tls}: TLS over the preceding transport; no value. */
  TLS(448, "tls", 0),
  /** {@code /sni}: the TLS server name to send; UTF-8. */
  SNI(449, "sni", Protocol.VARIABLE),
  /** {@code /noise}: the Noise security handshake; no value. */
  NOISE(454, "noise", 0),
  /** {@code /quic}: QUIC draft-29; no value. */
  QUIC(460, "quic", 0),
  /** {@code /quic-v1}: QUIC version 1 (RFC 9000); no value. */
  QUIC_V1(461, "quic-v1", 0),
  /** {@code /webtransport}: WebTransport over the preceding QUIC; no value. */
  WEBTRANSPORT(465, "webtransport", 0),
  /** {@code /certhash}: a multihash of a TLS certificate; multibase in the text form. */
  CERTHASH(466, "certhash", Protocol.VARIABLE),
  /** {@code /ws}: WebSocket; no value. */
  WS(477, "ws", 0),
  /** {@code /wss}: WebSocket over TLS; no value. */
  WSS(478, "wss", 0),
  /** {@code /http}: HTTP; no value. */
  HTTP(480, "http", 0),
  /** {@code /https}: HTTP over TLS; no value. */
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

  /**
   * The multicodec code.
   *
   * @return the code, e.g. 4 for {@link #IP4}
   */
  public long code() {
    return code;
  }

  /**
   * The canonical text name.
   *
   * @return the name without slashes, e.g. {@code "ip4"}; {@code "p2p"}, never {@code "ipfs"}
   */
  public String protocolName() {
    return name;
  }

  /**
   * The value size in bytes: 0 for none, {@link #VARIABLE} for length-prefixed.
   *
   * @return the size in bytes, 0, or {@link #VARIABLE}
   */
  public int size() {
    return size;
  }

  /**
   * Whether the protocol takes a value.
   *
   * @return {@code true} unless {@link #size()} is 0
   */
  public boolean hasValue() {
    return size != 0;
  }

  /**
   * The protocol for a code.
   *
   * @param code the multicodec code
   * @return the protocol
   * @throws DecodingException if unknown
   */
  public static Protocol forCode(long code) {
    Protocol p = BY_CODE.get(code);
    if (p == null) {
      throw new DecodingException("multiaddr: unknown protocol code " + code);
    }
    return p;
  }

  /**
   * The protocol for a text name (including the {@code ipfs} alias of {@code p2p}).
   *
   * @param name the name without slashes; case matters
   * @return the protocol
   * @throws DecodingException if unknown
   */
  public static Protocol forName(String name) {
    Protocol p = BY_NAME.get(name);
    if (p == null) {
      throw new DecodingException("multiaddr: unknown protocol '" + name + "'");
    }
    return p;
  }
}
