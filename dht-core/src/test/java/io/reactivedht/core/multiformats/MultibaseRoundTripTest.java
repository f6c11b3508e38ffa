package io.reactivedht.core.multiformats;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Round trips of base58btc and every multibase for random bytes, including leading zero bytes. */
class MultibaseRoundTripTest {
  /**
   * Random bytes behind 0 to 6 zero bytes, since leading zeros are where radix encodings go wrong.
   */
  @Provide
  Arbitrary<byte[]> bytesWithLeadingZeros() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 6),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(80))
        .as(
            (zeros, tail) -> {
              byte[] out = new byte[zeros + tail.length];
              System.arraycopy(tail, 0, out, zeros, tail.length);
              return out;
            });
  }

  @Property(seed = "42")
  void base58RoundTripsAndKeepsLeadingZerosAsOnes(@ForAll("bytesWithLeadingZeros") byte[] bytes) {
    String text = Base58.encode(bytes);

    assertThat(Base58.decode(text)).isEqualTo(bytes);
    assertThat(leading(text, '1')).isEqualTo(leadingZeroBytes(bytes));
  }

  @Property(seed = "42")
  void everyMultibaseRoundTrips(
      @ForAll Multibase base, @ForAll("bytesWithLeadingZeros") byte[] bytes) {
    String text = base.encode(bytes);

    assertThat(text.charAt(0)).isEqualTo(base.prefix());
    assertThat(Multibase.decode(text)).isEqualTo(bytes);
    assertThat(base.decodeBare(base.encodeBare(bytes))).isEqualTo(bytes);
  }

  @Property(seed = "42")
  void base36KeepsLeadingZerosAsZeroDigits(@ForAll("bytesWithLeadingZeros") byte[] bytes) {
    assertThat(leading(Multibase.BASE36.encodeBare(bytes), '0')).isEqualTo(leadingZeroBytes(bytes));
  }

  private static int leading(String text, char c) {
    int n = 0;
    while (n < text.length() && text.charAt(n) == c) {
      n++;
    }
    return n;
  }

  private static int leadingZeroBytes(byte[] bytes) {
    int n = 0;
    while (n < bytes.length && bytes[n] == 0) {
      n++;
    }
    return n;
  }
}
