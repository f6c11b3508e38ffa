package io.reactivedht.core.multiformats;

import static io.reactivedht.core.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** ByteReader: every read is bounds-checked and errors name what was being decoded. */
class ByteReaderTest {
  @Test
  void readsInOrderAndTracksItsPosition() {
    ByteReader in = new ByteReader(hex("ff ac02 03 aabbcc 0201 02".replace(" ", "")), "test");
    assertThat(in.remaining()).isEqualTo(10);
    assertThat(in.readUnsignedByte()).isEqualTo(255);
    assertThat(in.readVarint()).isEqualTo(300);
    assertThat(in.position()).isEqualTo(3);
    assertThat(hex(in.readLengthPrefixed())).isEqualTo("aabbcc");
    assertThat(in.readLength(2)).isEqualTo(2);
    assertThat(hex(in.readRest())).isEqualTo("0102");
    assertThat(in.atEnd()).isTrue();
    assertThat(in.readRest()).isEmpty();
  }

  @Test
  void refusesToReadPastTheEnd() {
    ByteReader in = new ByteReader(hex("0102"), "thing");
    assertThatThrownBy(() -> in.readBytes(3))
        .isInstanceOf(DecodingException.class)
        .hasMessage("thing: truncated (need 3 bytes, 2 left)");
    in.readBytes(2);
    assertThatThrownBy(in::readUnsignedByte)
        .isInstanceOf(DecodingException.class)
        .hasMessageStartingWith("thing: ");
    assertThatThrownBy(in::readVarint)
        .isInstanceOf(DecodingException.class)
        .hasMessageStartingWith("thing: ");
  }

  @Test
  void refusesNegativeCounts() {
    ByteReader in = new ByteReader(hex("0102"), "thing");
    assertThatThrownBy(() -> in.readBytes(-1)).isInstanceOf(DecodingException.class);
    assertThat(in.position()).isZero();
  }

  @Test
  void boundsLengthsBeforeReadingTheBytes() {
    assertThatThrownBy(() -> new ByteReader(hex("8101"), "thing").readLength(128))
        .isInstanceOf(DecodingException.class)
        .hasMessage("thing: length 129 exceeds 128");
    // a length prefix larger than what is left fails without allocating it
    assertThatThrownBy(() -> new ByteReader(hex("ffffffff07aa"), "thing").readLengthPrefixed())
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("length 2147483647 exceeds");
    assertThatThrownBy(() -> new ByteReader(hex("03aabb"), "thing").readLengthPrefixed())
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("truncated");
    // and so does a 63-bit one, which would not fit in an int
    assertThatThrownBy(
            () -> new ByteReader(hex("ffffffffffffffff7f"), "thing").readLength(Integer.MAX_VALUE))
        .isInstanceOf(DecodingException.class);
  }

  @Test
  void namesWhatItDecodesInVarintErrors() {
    assertThatThrownBy(() -> new ByteReader(hex("8000"), "multiaddr").readVarint())
        .isInstanceOf(DecodingException.class)
        .hasMessage("multiaddr: varint: not minimally encoded");
  }

  @Test
  void returnsCopies() {
    byte[] source = hex("010203");
    ByteReader in = new ByteReader(source, "test");
    byte[] read = in.readBytes(3);
    read[0] = 9;
    assertThat(source[0]).isEqualTo((byte) 1);
  }
}
