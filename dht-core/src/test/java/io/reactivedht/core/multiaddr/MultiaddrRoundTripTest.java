package io.reactivedht.core.multiaddr;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.multiformats.Varint;
import io.reactivedht.core.peer.PeerId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random ip4/ip6/dns4 + tcp/udp(+quic-v1) + optional p2p addresses, written out independently here
 * as text and as bytes ({@code varint(code) || value}), must decode to the same multiaddr both ways
 * and print back.
 */
class MultiaddrRoundTripTest {
  /**
   * One component as test-built text and bytes; {@code canonical} is false when the text is not the
   * printed form.
   */
  record Part(String text, byte[] bytes, boolean canonical) {}

  @Property(seed = "42")
  void roundTripsThroughTextAndBytes(@ForAll("addresses") List<Part> parts) {
    StringBuilder text = new StringBuilder();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    boolean canonical = true;
    for (Part p : parts) {
      text.append(p.text());
      bytes.writeBytes(p.bytes());
      canonical &= p.canonical();
    }

    Multiaddr parsed = Multiaddr.parse(text.toString());
    Multiaddr decoded = Multiaddr.fromBytes(bytes.toByteArray());

    assertThat(parsed.bytes()).isEqualTo(bytes.toByteArray());
    assertThat(decoded).isEqualTo(parsed).hasSameHashCodeAs(parsed);
    assertThat(decoded.components()).hasSize(parts.size());
    assertThat(Multiaddr.parse(decoded.toString())).isEqualTo(decoded);
    assertThat(Multiaddr.fromBytes(parsed.bytes())).isEqualTo(parsed);
    if (canonical) {
      assertThat(decoded.toString()).isEqualTo(text.toString());
    }
  }

  @Provide
  Arbitrary<List<Part>> addresses() {
    Arbitrary<Part> host = Arbitraries.oneOf(ip4(), ip6(), dns4());
    Arbitrary<List<Part>> transport =
        Arbitraries.oneOf(
            port("tcp", 6).map(List::of),
            port("udp", 273).map(List::of),
            port("udp", 273)
                .map(udp -> List.of(udp, new Part("/quic-v1", Varint.encode(461), true))));
    Arbitrary<List<Part>> peer =
        Arbitraries.oneOf(Arbitraries.just(List.<Part>of()), p2p().map(List::of));
    Arbitrary<List<Part>> full =
        Combinators.combine(host, transport, peer)
            .as(
                (h, t, p) -> {
                  List<Part> out = new ArrayList<>();
                  out.add(h);
                  out.addAll(t);
                  out.addAll(p);
                  return out;
                });
    return Arbitraries.frequencyOf(Tuple.of(9, full), Tuple.of(1, p2p().map(List::of)));
  }

  private static Arbitrary<Part> ip4() {
    return Arbitraries.bytes()
        .array(byte[].class)
        .ofSize(4)
        .map(
            b ->
                new Part(
                    "/ip4/"
                        + (b[0] & 0xFF)
                        + "."
                        + (b[1] & 0xFF)
                        + "."
                        + (b[2] & 0xFF)
                        + "."
                        + (b[3] & 0xFF),
                    concat(new byte[] {4}, b),
                    true));
  }

  /**
   * Written uncompressed with leading zeros and mixed case, which the parser accepts and the
   * printer never emits.
   */
  private static Arbitrary<Part> ip6() {
    return Ipv6FormatTest.groups()
        .map(
            g -> {
              StringBuilder sb = new StringBuilder("/ip6/");
              byte[] b = new byte[16];
              for (int i = 0; i < 8; i++) {
                sb.append(i == 0 ? "" : ":")
                    .append(i % 2 == 0 ? String.format("%04x", g[i]) : String.format("%X", g[i]));
                b[2 * i] = (byte) (g[i] >>> 8);
                b[2 * i + 1] = (byte) g[i];
              }
              return new Part(sb.toString(), concat(new byte[] {41}, b), false);
            });
  }

  private static Arbitrary<Part> dns4() {
    Arbitrary<String> label =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .numeric()
            .withChars('-')
            .ofMinLength(1)
            .ofMaxLength(20);
    return label
        .list()
        .ofMinSize(1)
        .ofMaxSize(4)
        .map(
            labels -> {
              byte[] name = String.join(".", labels).getBytes(StandardCharsets.US_ASCII);
              return new Part(
                  "/dns4/" + String.join(".", labels),
                  concat(new byte[] {54}, Varint.encode(name.length), name),
                  true);
            });
  }

  private static Arbitrary<Part> port(String name, int code) {
    return Arbitraries.integers()
        .between(0, 65535)
        .map(
            port ->
                new Part(
                    "/" + name + "/" + port,
                    concat(
                        Varint.encode(code), new byte[] {(byte) (port >>> 8), (byte) (int) port}),
                    true));
  }

  /** Ed25519 peer ids (identity multihash, 12D3KooW...) and hashed ones (sha2-256, Qm...). */
  private static Arbitrary<Part> p2p() {
    Arbitrary<byte[]> seeds = Arbitraries.bytes().array(byte[].class).ofSize(32);
    Arbitrary<PeerId> ids =
        Arbitraries.oneOf(
            seeds.map(s -> PeerId.fromPublicKey(Ed25519PrivateKey.fromSeed(s).publicKey())),
            seeds.map(s -> PeerId.fromBytes(Multihash.sha256(s).bytes())));
    return ids.map(
        id -> {
          byte[] raw = id.bytes();
          return new Part(
              "/p2p/" + id.toBase58(),
              concat(Varint.encode(421), Varint.encode(raw.length), raw),
              true);
        });
  }

  private static byte[] concat(byte[]... arrays) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] a : arrays) {
      out.writeBytes(a);
    }
    return out.toByteArray();
  }
}
