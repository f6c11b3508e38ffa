package io.reactivedht.core.multiaddr;

import io.reactivedht.core.multiformats.ByteReader;
import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.multiformats.Varint;
import io.reactivedht.core.peer.PeerId;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A multiaddr: a sequence of protocol components, e.g. {@code
 * /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW...}, with its text and binary ({@code varint(code) ||
 * value}) forms. Both decoders are strict: unknown protocols, missing or truncated values, empty
 * segments and malformed values are rejected with a {@link DecodingException}; inputs are bounded
 * by {@link #MAX_BYTES}. Immutable.
 */
public final class Multiaddr {
  /** The longest binary multiaddr accepted (go caps a whole DHT peer entry at 8 KiB). */
  public static final int MAX_BYTES = 1024;

  private final List<Component> components;
  private final byte[] bytes;

  /**
   * The text form, made on first use: addresses decoded from DHT answers are mostly compared and
   * dialled, rarely printed. A benign race: every thread computes the same immutable string.
   */
  private @Nullable String text;

  /** {@link #hashCode}, made on first use (0 until then). */
  private int hash;

  private Multiaddr(List<Component> components) {
    this(components, encode(components));
  }

  /** {@code bytes} must be the canonical encoding of {@code components}; retained. */
  private Multiaddr(List<Component> components, byte[] bytes) {
    this.components = List.copyOf(components);
    this.bytes = bytes;
    if (bytes.length > MAX_BYTES) {
      throw new DecodingException("multiaddr: longer than " + MAX_BYTES + " bytes");
    }
  }

  private static byte[] encode(List<Component> components) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Component c : components) {
      Varint.write(c.protocol().code(), out);
      byte[] value = c.value();
      if (c.protocol().size() == Protocol.VARIABLE) {
        Varint.write(value.length, out);
      }
      out.writeBytes(value);
    }
    return out.toByteArray();
  }

  /**
   * A multiaddr of the given components: at least one, at most {@link #MAX_BYTES} encoded.
   *
   * @param components the components, outermost first; copied
   * @return the multiaddr
   */
  public static Multiaddr of(List<Component> components) {
    if (components.isEmpty()) {
      throw new IllegalArgumentException("a multiaddr needs at least one component");
    }
    return new Multiaddr(components);
  }

  /**
   * Parses the text form. A single trailing slash is tolerated; empty segments elsewhere are not.
   *
   * @param text the text form, starting with {@code /}; at most 4 * {@link #MAX_BYTES} characters
   * @return the multiaddr
   * @throws DecodingException naming what is wrong
   */
  public static Multiaddr parse(String text) {
    if (text.length() > 4 * MAX_BYTES) {
      throw new DecodingException("multiaddr: text longer than " + 4 * MAX_BYTES + " characters");
    }
    if (!text.startsWith("/")) {
      throw new DecodingException("multiaddr: must start with '/': '" + text + "'");
    }
    String body =
        text.endsWith("/") && text.length() > 1
            ? text.substring(1, text.length() - 1)
            : text.substring(1);
    if (body.isEmpty()) {
      throw new DecodingException("multiaddr: empty");
    }
    String[] parts = body.split("/", -1);
    List<Component> out = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].isEmpty()) {
        throw new DecodingException("multiaddr: empty segment in '" + text + "'");
      }
      Protocol p = Protocol.forName(parts[i]);
      if (!p.hasValue()) {
        out.add(new Component(p, new byte[0]));
        continue;
      }
      if (p == Protocol.UNIX) { // the path is the rest of the address
        String path = String.join("/", Arrays.asList(parts).subList(i + 1, parts.length));
        out.add(new Component(p, ValueCodec.toBytes(p, path)));
        break;
      }
      if (++i >= parts.length) {
        throw new DecodingException("multiaddr: " + p.protocolName() + " is missing its value");
      }
      out.add(new Component(p, ValueCodec.toBytes(p, parts[i])));
    }
    return new Multiaddr(out);
  }

  /**
   * Decodes the binary form.
   *
   * @param bytes the binary form: 1 to {@link #MAX_BYTES} bytes
   * @return the multiaddr
   * @throws DecodingException naming what is wrong
   */
  public static Multiaddr fromBytes(byte[] bytes) {
    if (bytes.length == 0) {
      throw new DecodingException("multiaddr: empty");
    }
    if (bytes.length > MAX_BYTES) {
      throw new DecodingException("multiaddr: " + bytes.length + " bytes exceeds " + MAX_BYTES);
    }
    ByteReader in = new ByteReader(bytes, "multiaddr");
    List<Component> out = new ArrayList<>();
    while (!in.atEnd()) {
      Protocol p = Protocol.forCode(in.readVarint());
      int size = p.size() == Protocol.VARIABLE ? in.readLength(in.remaining()) : p.size();
      out.add(new Component(p, in.readBytes(size)));
    }
    // varints are minimal and every value was read whole, so the input is the canonical encoding
    return new Multiaddr(out, bytes.clone());
  }

  /**
   * The components, outermost first.
   *
   * @return an unmodifiable list of at least one component
   */
  public List<Component> components() {
    return components;
  }

  /**
   * The binary form.
   *
   * @return a copy of the bytes
   */
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * The text value of the first component of a protocol, if present.
   *
   * @param protocol the protocol to look for
   * @return the {@linkplain Component#valueText() value text}, empty if the protocol is absent
   */
  public Optional<String> valueOf(Protocol protocol) {
    return components.stream()
        .filter(c -> c.protocol() == protocol)
        .findFirst()
        .map(Component::valueText);
  }

  /**
   * Whether the address contains the protocol.
   *
   * @param protocol the protocol to look for
   * @return {@code true} if any component has it
   */
  public boolean has(Protocol protocol) {
    return components.stream().anyMatch(c -> c.protocol() == protocol);
  }

  /**
   * The peer id of a trailing {@code /p2p/...} component, if present.
   *
   * @return the peer id, empty if the last component is not {@code /p2p}
   */
  public Optional<PeerId> peerId() {
    Component last = components.get(components.size() - 1);
    return last.protocol() == Protocol.P2P
        ? Optional.of(PeerId.fromBytes(last.value()))
        : Optional.empty();
  }

  /**
   * Whether the address ends with a {@code /p2p/...} component, without parsing the peer id.
   *
   * @return true if {@link #peerId()} is present
   */
  public boolean hasPeerId() {
    return components.get(components.size() - 1).protocol() == Protocol.P2P;
  }

  /**
   * This address without a trailing {@code /p2p/...} component (as DHT and identify messages carry
   * them).
   *
   * @return the address without it; {@code this} if there is none, or if the address is only a
   *     {@code /p2p/...} component (a multiaddr cannot be empty)
   */
  public Multiaddr withoutPeerId() {
    if (components.size() > 1 && components.get(components.size() - 1).protocol() == Protocol.P2P) {
      return new Multiaddr(components.subList(0, components.size() - 1));
    }
    return this;
  }

  /**
   * This address ending with {@code /p2p/<id>}, replacing any trailing peer id.
   *
   * @param id the peer id to append
   * @return the address with {@code id} as its last component
   */
  public Multiaddr withPeerId(PeerId id) {
    List<Component> out = new ArrayList<>(withoutPeerId().components);
    if (out.size() == 1 && out.get(0).protocol() == Protocol.P2P) {
      out.clear();
    }
    out.add(new Component(Protocol.P2P, id.bytes()));
    return new Multiaddr(out);
  }

  /**
   * {@code this} followed by {@code inner}.
   *
   * @param inner the address to append
   * @return the combined address
   * @throws DecodingException if that exceeds {@link #MAX_BYTES}
   */
  public Multiaddr encapsulate(Multiaddr inner) {
    List<Component> out = new ArrayList<>(components);
    out.addAll(inner.components);
    return new Multiaddr(out);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Multiaddr other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Arrays.hashCode(bytes); // racy but idempotent, as String's
      hash = h;
    }
    return h;
  }

  /** The canonical text form. */
  @Override
  public String toString() {
    String t = text;
    if (t == null) {
      StringBuilder sb = new StringBuilder();
      for (Component c : components) {
        sb.append(c);
      }
      t = sb.toString();
      text = t;
    }
    return t;
  }
}
