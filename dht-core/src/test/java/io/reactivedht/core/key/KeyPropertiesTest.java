package io.reactivedht.core.key;

import static io.reactivedht.core.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The XOR metric: properties over random keys, and the ordering and bit details of Key and
 * Distance.
 */
class KeyPropertiesTest {
  @Property(seed = "42")
  void distanceIsSymmetric(@ForAll("keys") Key a, @ForAll("keys") Key b) {
    assertThat(a.distanceTo(b)).isEqualTo(b.distanceTo(a)).hasSameHashCodeAs(b.distanceTo(a));
  }

  @Property(seed = "42")
  void aKeyIsAtDistanceZeroFromItself(@ForAll("keys") Key a) {
    Distance zero = a.distanceTo(a);
    assertThat(zero.bytes()).containsOnly(0).hasSize(Key.BYTES);
    assertThat(zero.commonPrefixLength()).isEqualTo(Key.BITS);
    assertThat(a.commonPrefixLength(a)).isEqualTo(Key.BITS);
  }

  @Property(seed = "42")
  void distinctKeysAreAtANonZeroDistance(@ForAll("keys") Key a, @ForAll("keys") Key b) {
    if (!a.equals(b)) {
      assertThat(a.distanceTo(b)).isGreaterThan(a.distanceTo(a));
    }
  }

  /** d(a,b) xor d(b,c) = d(a,c): b cancels out. */
  @Property(seed = "42")
  void xorTriangleEquality(@ForAll("keys") Key a, @ForAll("keys") Key b, @ForAll("keys") Key c) {
    byte[] ab = a.distanceTo(b).bytes();
    byte[] bc = b.distanceTo(c).bytes();
    byte[] xor = new byte[Key.BYTES];
    for (int i = 0; i < Key.BYTES; i++) {
      xor[i] = (byte) (ab[i] ^ bc[i]);
    }
    assertThat(xor).isEqualTo(a.distanceTo(c).bytes());
  }

  @Property(seed = "42")
  void compareDistanceAgreesWithDistanceOrder(
      @ForAll("keys") Key target, @ForAll("keys") Key a, @ForAll("keys") Key b) {
    int expected = Integer.signum(target.distanceTo(a).compareTo(target.distanceTo(b)));
    assertThat(Integer.signum(target.compareDistance(a, b))).isEqualTo(expected);
    assertThat(Integer.signum(target.byDistance().compare(a, b))).isEqualTo(expected);
    assertThat(Integer.signum(target.compareDistance(b, a))).isEqualTo(-expected);
  }

  @Property(seed = "42")
  void commonPrefixLengthCountsEqualLeadingBits(@ForAll("keys") Key a, @ForAll("keys") Key b) {
    int equalLeadingBits = 0;
    while (equalLeadingBits < Key.BITS && a.bit(equalLeadingBits) == b.bit(equalLeadingBits)) {
      equalLeadingBits++;
    }
    assertThat(a.commonPrefixLength(b)).isEqualTo(equalLeadingBits);
    assertThat(a.distanceTo(b).commonPrefixLength()).isEqualTo(equalLeadingBits);
  }

  /**
   * Random pairs rarely share more than a few bits, so build pairs that share exactly {@code
   * shared} bits.
   */
  @Property(seed = "42")
  void commonPrefixLengthOfKeysSharingAGivenPrefix(
      @ForAll("keys") Key a,
      @ForAll @IntRange(max = 255) int shared,
      @ForAll @Size(32) byte[] noise) {
    Key b = Key.fromDigest(withPrefixOf(a, shared, noise));
    assertThat(a.commonPrefixLength(b)).isEqualTo(shared);
    assertThat(a.distanceTo(b).commonPrefixLength()).isEqualTo(shared);
    assertThat(a.bit(shared)).isNotEqualTo(b.bit(shared));
  }

  @Property(seed = "42")
  void sortingByDistanceGivesNonDecreasingDistances(
      @ForAll("keys") Key target, @ForAll @Size(max = 30) List<@From("keys") Key> keys) {
    List<Key> sorted = new ArrayList<>(keys);
    sorted.sort(target.byDistance());
    for (int i = 1; i < sorted.size(); i++) {
      assertThat(target.distanceTo(sorted.get(i - 1)))
          .isLessThanOrEqualTo(target.distanceTo(sorted.get(i)));
    }
  }

  @Test
  void distancesCompareAsUnsignedBigEndianNumbers() {
    Key zero = Key.fromDigest(new byte[32]);
    Key high = Key.fromDigest(hex("80" + "00".repeat(31)));
    Key low = Key.fromDigest(hex("7f" + "ff".repeat(31)));
    Key last = Key.fromDigest(hex("00".repeat(31) + "01"));
    assertThat(zero.distanceTo(high)).isGreaterThan(zero.distanceTo(low));
    assertThat(zero.distanceTo(low)).isGreaterThan(zero.distanceTo(last));
    assertThat(zero.compareDistance(high, low)).isPositive();
    assertThat(zero.commonPrefixLength(high)).isZero();
    assertThat(zero.commonPrefixLength(low)).isEqualTo(1);
    assertThat(zero.commonPrefixLength(last)).isEqualTo(255);
  }

  @Test
  void keysSharingTheirFirstEightBytesCompareByTheRest() {
    Key target = Key.fromDigest(hex("ab".repeat(8) + "00".repeat(24)));
    Key nearer = Key.fromDigest(hex("ab".repeat(8) + "00".repeat(23) + "01"));
    Key farther = Key.fromDigest(hex("ab".repeat(8) + "80" + "00".repeat(23)));
    assertThat(target.compareDistance(nearer, farther)).isNegative();
    assertThat(target.compareDistance(farther, nearer)).isPositive();
    assertThat(target.compareDistance(nearer, Key.fromDigest(nearer.bytes()))).isZero();
  }

  @Test
  void readsBitsMostSignificantFirst() {
    Key key = Key.fromDigest(hex("a0" + "00".repeat(30) + "01"));
    assertThat(key.bit(0)).isTrue();
    assertThat(key.bit(1)).isFalse();
    assertThat(key.bit(2)).isTrue();
    assertThat(key.bit(254)).isFalse();
    assertThat(key.bit(255)).isTrue();
  }

  @Test
  void aDigestMustBe32Bytes() {
    assertThatThrownBy(() -> Key.fromDigest(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Key.fromDigest(new byte[33]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void copiesItsBytes() {
    byte[] digest = new byte[32];
    Key key = Key.fromDigest(digest);
    digest[0] = 1;
    key.bytes()[1] = 1;
    assertThat(key).isEqualTo(Key.fromDigest(new byte[32]));
    Distance d = key.distanceTo(key);
    d.bytes()[0] = 1;
    assertThat(d.commonPrefixLength()).isEqualTo(256);
  }

  @Provide
  Arbitrary<Key> keys() {
    return Arbitraries.bytes().array(byte[].class).ofSize(Key.BYTES).map(Key::fromDigest);
  }

  /** A's first {@code shared} bits, then the opposite of A's next bit, then noise. */
  private static byte[] withPrefixOf(Key a, int shared, byte[] noise) {
    byte[] out = new byte[Key.BYTES];
    for (int i = 0; i < Key.BITS; i++) {
      boolean bit =
          i < shared
              ? a.bit(i)
              : i == shared ? !a.bit(i) : ((noise[i >>> 3] >>> (7 - (i & 7))) & 1) != 0;
      if (bit) {
        out[i >>> 3] |= (byte) (0x80 >>> (i & 7));
      }
    }
    return out;
  }
}
