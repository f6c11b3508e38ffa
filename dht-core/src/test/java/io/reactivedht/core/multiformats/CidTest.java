package io.reactivedht.core.multiformats;

import static io.reactivedht.core.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Cid behaviour beyond the js vectors: the WIRE.md §8 example, conversions, factories and input
 * bounds.
 */
class CidTest {
  private static final String V0 = "QmdmQXB2mzChmMeKY47C43LxUdg1NDJ5MWcKMKxDu7RgQm";
  private static final String V1_DAG_PB =
      "bafybeihfg3d7rdltd43u3tfvncx7n5loqofbsobojcadtmokrljfthuc7y";
  private static final String V1_RAW =
      "bafkreihfg3d7rdltd43u3tfvncx7n5loqofbsobojcadtmokrljfthuc7y";
  private static final String MULTIHASH =
      "1220e536c7f88d731f374dccb568aff6f56e838a19382e488039b1ca8ad2599e82fe";
  private static final String KADEMLIA_ID =
      "d623250f3f660ab4c3a53d3c97b3f6a0194c548053488d093520206248253bcb";

  @Test
  void theThreeFormsOfOneContentShareOneProviderKey() {
    for (String text : new String[] {V0, V1_DAG_PB, V1_RAW}) {
      Cid cid = Cid.parse(text);
      assertThat(hex(cid.providerKey())).as(text).isEqualTo(MULTIHASH);
      assertThat(cid.key().toString()).as(text).isEqualTo(KADEMLIA_ID);
    }
    assertThat(Cid.parse(V0)).isNotEqualTo(Cid.parse(V1_DAG_PB));
  }

  @Test
  void aV0BecomesTheDagPbV1() {
    Cid v0 = Cid.parse(V0);
    assertThat(v0.toV1()).isEqualTo(Cid.parse(V1_DAG_PB));
    assertThat(v0.toV1().codec()).isEqualTo(Cid.DAG_PB);
    Cid v1 = Cid.parse(V1_RAW);
    assertThat(v1.toV1()).isSameAs(v1);
  }

  @Test
  void factoriesBuildTheSameCidsAsTheParser() {
    Multihash mh = Multihash.decode(hex(MULTIHASH));
    assertThat(Cid.v0(mh)).isEqualTo(Cid.parse(V0));
    assertThat(Cid.v1(Cid.RAW, mh)).isEqualTo(Cid.parse(V1_RAW));
    assertThat(Cid.v1(Cid.DAG_PB, mh).toString()).isEqualTo(V1_DAG_PB);
  }

  @Test
  void wellKnownCodecsHaveTheirMulticodecCodes() {
    assertThat(Cid.RAW).isEqualTo(0x55);
    assertThat(Cid.DAG_PB).isEqualTo(0x70);
    assertThat(Cid.DAG_CBOR).isEqualTo(0x71);
    assertThat(Cid.LIBP2P_KEY).isEqualTo(0x72);
  }

  @Test
  void factoriesRefuseWhatHasNoCid() {
    assertThatThrownBy(() -> Cid.v0(Multihash.identity(new byte[] {1})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sha2-256");
    assertThatThrownBy(() -> Cid.v1(-1, Multihash.sha256(new byte[0])))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aV0IsOnlyWrittenInBase58() {
    Cid v0 = Cid.parse(V0);
    assertThat(v0.toString(Multibase.BASE58_BTC)).isEqualTo(V0);
    assertThatThrownBy(() -> v0.toString(Multibase.BASE32))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("toV1");
  }

  @Test
  void bytesAreCopied() {
    Cid cid = Cid.parse(V1_RAW);
    byte[] bytes = cid.bytes();
    bytes[0] = 9;
    assertThat(cid.bytes()[0]).isEqualTo((byte) 1);
    byte[] key = cid.providerKey();
    key[0] = 9;
    assertThat(hex(cid.providerKey())).isEqualTo(MULTIHASH);
  }

  @Test
  void namesEachVersionProblem() {
    assertThatThrownBy(() -> Cid.fromBytes(hex("0070" + MULTIHASH)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("version 0");
    assertThatThrownBy(() -> Cid.fromBytes(hex("0370" + MULTIHASH)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("version 3 is reserved");
    assertThatThrownBy(() -> Cid.fromBytes(hex("0470" + MULTIHASH)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("unsupported version 4");
  }

  @Test
  void aMultibasePrefixedV0IsRefused() {
    String base32OfV0 = Multibase.BASE32.encode(hex(MULTIHASH));
    assertThatThrownBy(() -> Cid.parse(base32OfV0))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("must not carry a multibase prefix");
  }

  @Test
  void a46CharacterQmStringMustDecodeToASha256Multihash() {
    // the smallest and largest such strings decode to 12 1e ... and 12 22 ... (computed with a
    // separate decoder)
    assertThatThrownBy(() -> Cid.parse("Qm" + "1".repeat(44)))
        .isInstanceOf(DecodingException.class);
    assertThatThrownBy(() -> Cid.parse("Qm" + "z".repeat(44)))
        .isInstanceOf(DecodingException.class);
    assertThatThrownBy(() -> Cid.parse(V0.substring(0, 45)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("46 characters");
  }

  @Test
  void v1WithAnotherHashIsNotMistakenForV0() {
    // 34 bytes, but starting 01: a CIDv1 with an identity multihash of 31 bytes
    byte[] bytes = new byte[34];
    bytes[0] = 1;
    bytes[1] = 0x55;
    bytes[2] = 0;
    bytes[3] = 30;
    Cid cid = Cid.fromBytes(bytes);
    assertThat(cid.version()).isEqualTo(1);
    assertThat(cid.multihash().code()).isEqualTo(Multihash.IDENTITY);
  }

  @Test
  void theLargestCidIsAcceptedInBase16() {
    // version 1, a 9-byte codec varint, a 9-byte multihash code varint, length 1024 (2 bytes), 1024
    // digest bytes
    Cid big = Cid.v1(Long.MAX_VALUE, Multihash.of(Long.MAX_VALUE, new byte[Multihash.MAX_DIGEST]));
    assertThat(big.bytes()).hasSize(1 + 9 + 9 + 2 + 1024).hasSizeLessThanOrEqualTo(Cid.MAX_BYTES);
    assertThat(Cid.parse(big.toString(Multibase.BASE16))).isEqualTo(big);
    assertThat(Cid.fromBytes(big.bytes())).isEqualTo(big);
  }

  @Test
  void oversizedInputIsRefusedBeforeDecoding() {
    byte[] tooMany = new byte[Cid.MAX_BYTES + 1];
    tooMany[0] = 1;
    assertThatThrownBy(() -> Cid.fromBytes(tooMany))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("exceeds");
    String tooLong = "f" + "0".repeat(Cid.MAX_TEXT);
    assertThatThrownBy(() -> Cid.parse(tooLong))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("longer than");
  }

  @Test
  void aDigestLongerThanTheMultihashLimitIsRefused() {
    // 01 55 (v1 raw), then multihash code 0x55 with a length varint 81 08 = 1025, then 1025 bytes
    byte[] bytes = Arrays.copyOf(hex("0155558108"), 5 + 1025);
    assertThatThrownBy(() -> Cid.fromBytes(bytes))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("exceeds 1024");
  }

  @Test
  void emptyTextIsRefused() {
    assertThatThrownBy(() -> Cid.parse(""))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("empty");
  }

  @Property(seed = "42")
  void v1RoundTripsThroughBytesAndEveryBase(
      @ForAll("codecs") long codec,
      @ForAll("multihashes") Multihash multihash,
      @ForAll Multibase base) {
    Cid cid = Cid.v1(codec, multihash);
    assertThat(Cid.fromBytes(cid.bytes())).isEqualTo(cid);
    assertThat(Cid.parse(cid.toString())).isEqualTo(cid);
    Cid again = Cid.parse(cid.toString(base));
    assertThat(again).isEqualTo(cid);
    assertThat(again.codec()).isEqualTo(codec);
    assertThat(again.multihash()).isEqualTo(multihash);
    assertThat(again.providerKey()).isEqualTo(multihash.bytes());
  }

  @Property(seed = "42")
  void v0RoundTripsAndSharesItsKeyWithItsV1(@ForAll byte[] content) {
    Cid v0 = Cid.v0(Multihash.sha256(content));
    String text = v0.toString();
    assertThat(text).hasSize(46).startsWith("Qm");
    assertThat(Cid.parse(text)).isEqualTo(v0);
    assertThat(Cid.fromBytes(v0.bytes())).isEqualTo(v0);
    assertThat(v0.toV1().key()).isEqualTo(v0.key());
    assertThat(Cid.v1(Cid.RAW, v0.multihash()).key()).isEqualTo(v0.key());
  }

  @Provide
  Arbitrary<Long> codecs() {
    return Arbitraries.oneOf(
        Arbitraries.of(Cid.RAW, Cid.DAG_PB, Cid.DAG_CBOR, Cid.LIBP2P_KEY),
        Arbitraries.longs().between(0, Long.MAX_VALUE));
  }

  @Provide
  Arbitrary<Multihash> multihashes() {
    Arbitrary<byte[]> data = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
    return Arbitraries.oneOf(
        data.map(Multihash::sha256),
        data.map(Multihash::identity),
        data.map(d -> Multihash.of(0xb220, Multihash.sha256Digest(d))));
  }
}
