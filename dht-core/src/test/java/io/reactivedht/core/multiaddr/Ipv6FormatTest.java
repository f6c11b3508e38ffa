package io.reactivedht.core.multiaddr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.core.multiformats.DecodingException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** IPv6 text in multiaddrs: strict parsing and the RFC 5952 canonical form. */
class Ipv6FormatTest {
  /** RFC 5952 §4 and the edge cases around it. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "2001:db8:0:0:0:0:2:1, 2001:db8::2:1", // §4.2.1: shorten as much as possible
    "2001:0db8:0000:0000:0000:0000:0002:0001, 2001:db8::2:1", // §4.1: no leading zeros
    "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1", // §4.2.2: a single zero group is not shortened
    "2001:0:0:1:0:0:0:1, 2001:0:0:1::1", // §4.2.3: the longest run
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1", // §4.2.3: the first of equal runs
    "2001:DB8::ABCD:EF, 2001:db8::abcd:ef", // §4.3: lower case
    "0:0:0:0:0:0:0:0, ::",
    "0:0:0:0:0:0:0:1, ::1",
    "1:0:0:0:0:0:0:0, 1::",
    "1:0:0:0:0:0:0:1, 1::1",
    "0:0:1:0:0:0:1:0, 0:0:1::1:0",
    "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
    "0:1:2:3:4:5:6:7, 0:1:2:3:4:5:6:7",
    "1:2:3:4:5:6:7:0, 1:2:3:4:5:6:7:0",
    "1:2:3:4:5:6:0:0, 1:2:3:4:5:6::",
    "0:0:3:4:5:6:7:8, ::3:4:5:6:7:8",
    "::ffff:1.2.3.4, ::ffff:102:304", // IPv4-mapped input; printed in hex groups as js does
    "::1.2.3.4, ::102:304",
    "1:2:3:4:5:6:1.2.3.4, 1:2:3:4:5:6:102:304",
    "fe80::1:2:3:4, fe80::1:2:3:4",
  })
  void printsTheCanonicalForm(String input, String canonical) {
    Multiaddr addr = Multiaddr.parse("/ip6/" + input);
    assertThat(addr.toString()).isEqualTo("/ip6/" + canonical);
    assertThat(Multiaddr.parse(addr.toString())).isEqualTo(addr);
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {
        ":::", "1:::2", "1::2::3", ":1::2", "1::2:", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7:8::",
        "::1:2:3:4:5:6:7:8", "12345::", "g::1", "::1%eth0", "1.2.3.4", "::1.2.3", "::1.2.3.04",
            "1.2.3.4::",
        "1:2:3:4:5:6:7:1.2.3.4", " ::1", "+1::", "\u0663::1", "\uFF21::1", "::\u0661",
      })
  void rejectsMalformedAddresses(String text) {
    assertThatThrownBy(() -> Multiaddr.parse("/ip6/" + text)).isInstanceOf(DecodingException.class);
  }

  /**
   * RFC 5952 as properties of the printed text: it means the same address (checked with the JDK
   * parser), groups are lower case without leading zeros, and '::' appears exactly when there is a
   * run of two or more zero groups, standing for the first longest one.
   */
  @Property(seed = "42")
  void printsEveryAddressPerRfc5952(@ForAll("groups") int[] groups) throws UnknownHostException {
    byte[] bytes = toBytes(groups);
    String text = Ip.format6(bytes);

    assertThat(jdkParse(text)).isEqualTo(bytes);
    assertThat(Ip.parse6(text)).isEqualTo(bytes);
    for (String group : text.split(":")) {
      assertThat(group).matches("|0|[1-9a-f][0-9a-f]{0,3}");
    }
    int[] run = firstLongestZeroRun(groups);
    int doubleColon = text.indexOf("::");
    if (run[1] < 2) {
      assertThat(doubleColon).isNegative();
      assertThat(text.split(":")).hasSize(8);
    } else {
      assertThat(doubleColon).isNotNegative();
      assertThat(text.indexOf("::", doubleColon + 1)).isNegative();
      String before = text.substring(0, doubleColon);
      String after = text.substring(doubleColon + 2);
      int groupsBefore = before.isEmpty() ? 0 : before.split(":").length;
      int groupsAfter = after.isEmpty() ? 0 : after.split(":").length;
      assertThat(groupsBefore).isEqualTo(run[0]);
      assertThat(8 - groupsBefore - groupsAfter).isEqualTo(run[1]);
    }
  }

  @Provide
  static Arbitrary<int[]> groups() {
    Arbitrary<Integer> group =
        Arbitraries.frequencyOf(
            Tuple.of(5, Arbitraries.just(0)),
            Tuple.of(2, Arbitraries.integers().between(1, 0xf)),
            Tuple.of(3, Arbitraries.integers().between(0, 0xffff)));
    return group
        .array(Integer[].class)
        .ofSize(8)
        .map(
            a -> {
              int[] out = new int[8];
              for (int i = 0; i < 8; i++) {
                out[i] = a[i];
              }
              return out;
            });
  }

  /** {start, length} of the first longest run of zero groups. */
  private static int[] firstLongestZeroRun(int[] groups) {
    int bestStart = -1;
    int bestLength = 0;
    for (int start = 0; start < 8; start++) {
      int length = 0;
      while (start + length < 8 && groups[start + length] == 0) {
        length++;
      }
      if (length > bestLength) {
        bestStart = start;
        bestLength = length;
      }
    }
    return new int[] {bestStart, bestLength};
  }

  private static byte[] toBytes(int[] groups) {
    byte[] b = new byte[16];
    for (int i = 0; i < 8; i++) {
      b[2 * i] = (byte) (groups[i] >>> 8);
      b[2 * i + 1] = (byte) groups[i];
    }
    return b;
  }

  /** The JDK reads IPv6 literals without DNS; it turns IPv4-mapped ones into IPv4 addresses. */
  private static byte[] jdkParse(String text) throws UnknownHostException {
    InetAddress a = InetAddress.getByName(text);
    if (a instanceof Inet4Address) {
      byte[] mapped = new byte[16];
      mapped[10] = (byte) 0xff;
      mapped[11] = (byte) 0xff;
      System.arraycopy(a.getAddress(), 0, mapped, 12, 4);
      return mapped;
    }
    return a.getAddress();
  }
}
