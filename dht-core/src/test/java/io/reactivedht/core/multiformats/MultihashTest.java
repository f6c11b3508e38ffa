package io.reactivedht.core.multiformats;

import static io.reactivedht.core.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Multihash encoding and strict decoding (WIRE.md §8; digests from vectors/cids.json and
 * peer-ids.json).
 */
class MultihashTest {
  private static final byte[] HELLO_WORLD = "hello world".getBytes(StandardCharsets.UTF_8);
  private static final String SHA256_HELLO_WORLD =
      "1220b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";

  @Test
  void hashesWithSha256() {
    Multihash mh = Multihash.sha256(HELLO_WORLD);
    assertThat(mh.toString()).isEqualTo(SHA256_HELLO_WORLD);
    assertThat(mh.code()).isEqualTo(Multihash.SHA2_256);
    assertThat(mh.length()).isEqualTo(34);
    assertThat(hex(Multihash.sha256Digest(new byte[0])))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void inlinesWithIdentity() {
    assertThat(Multihash.identity(HELLO_WORLD).toString()).isEqualTo("000b68656c6c6f20776f726c64");
    assertThat(Multihash.identity(new byte[0]).toString()).isEqualTo("0000");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "1220b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9, 18, "
        + "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9",
    "000b68656c6c6f20776f726c64, 0, 68656c6c6f20776f726c64",
    "0000, 0, ''",
    "a0e40220256c83b297114d201b30179f3f0ef0cace9783622da5974326b436178aeef610, 45600, "
        + "256c83b297114d201b30179f3f0ef0cace9783622da5974326b436178aeef610",
    "0024080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e, 0, "
        + "080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e",
  })
  void decodesAndReencodes(String bytes, long code, String digest) {
    Multihash mh = Multihash.decode(hex(bytes));
    assertThat(mh.code()).isEqualTo(code);
    assertThat(hex(mh.digest())).isEqualTo(digest);
    assertThat(hex(mh.bytes())).isEqualTo(bytes);
    assertThat(Multihash.of(code, hex(digest))).isEqualTo(mh);
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"00", "12", "", "1220", "1220b94d", "0005aabbccdd", "ff"})
  void rejectsTruncatedInput(String bytes) {
    assertThatThrownBy(() -> Multihash.decode(hex(bytes)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("truncated");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "000100ff",
        "1220b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde900",
        "000000"
      })
  void rejectsTrailingBytes(String bytes) {
    assertThatThrownBy(() -> Multihash.decode(hex(bytes)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("trailing");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "1200",
        "121fb94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcd",
        "1221b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde900"
      })
  void rejectsSha256DigestsOfTheWrongLength(String bytes) {
    assertThatThrownBy(() -> Multihash.decode(hex(bytes)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("sha2-256");
    assertThatThrownBy(() -> Multihash.of(Multihash.SHA2_256, new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsNonMinimalHeaderVarints() {
    assertThatThrownBy(() -> Multihash.decode(hex("9200" + "20" + "00".repeat(32))))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("not minimally encoded");
  }

  @Test
  void boundsTheDigestLengthBeforeReadingIt() {
    byte[] atLimit = Arrays.copyOf(hex("558008"), 3 + 1024); // code 0x55, length 1024
    assertThat(Multihash.decode(atLimit).digest()).hasSize(Multihash.MAX_DIGEST);
    byte[] overLimit = Arrays.copyOf(hex("558108"), 3 + 1025); // length 1025
    assertThatThrownBy(() -> Multihash.decode(overLimit))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("exceeds 1024");
    // a huge claimed length with nothing behind it fails on the bound, not on an allocation
    assertThatThrownBy(() -> Multihash.decode(hex("00ffffffff0f")))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("exceeds 1024");
  }

  @Test
  void readLeavesWhatFollows() {
    ByteReader in = new ByteReader(hex("000101" + "abcd"), "test");
    assertThat(Multihash.read(in).toString()).isEqualTo("000101");
    assertThat(in.remaining()).isEqualTo(2);
  }

  @Test
  void copiesArraysInAndOut() {
    byte[] digest = new byte[] {1, 2, 3};
    Multihash mh = Multihash.of(0x55, digest);
    digest[0] = 9;
    mh.digest()[1] = 9;
    mh.bytes()[0] = 9;
    assertThat(mh.toString()).isEqualTo("5503010203");
  }

  @Property(seed = "42")
  void roundTrips(
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long code,
      @ForAll @Size(max = 100) byte[] digest) {
    if (code == Multihash.SHA2_256) {
      digest = Arrays.copyOf(digest, 32);
    }
    Multihash mh = Multihash.of(code, digest);
    Multihash again = Multihash.decode(mh.bytes());
    assertThat(again).isEqualTo(mh).hasSameHashCodeAs(mh);
    assertThat(again.code()).isEqualTo(code);
    assertThat(again.digest()).isEqualTo(digest);
    assertThat(mh.length())
        .isEqualTo(Varint.size(code) + Varint.size(digest.length) + digest.length);
  }
}
