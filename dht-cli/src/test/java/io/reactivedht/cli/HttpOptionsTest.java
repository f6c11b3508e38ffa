package io.reactivedht.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

/** {@code --http HOST:PORT}: parsing, the loopback-only rule, and the URL a client uses. */
class HttpOptionsTest {
  private final HttpOptions.Address address = new HttpOptions.Address();

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "127.0.0.1:8080, 127.0.0.1, 8080",
    "localhost:0, 127.0.0.1, 0",
    "[::1]:5001, 0:0:0:0:0:0:0:1, 5001",
    "0.0.0.0:65535, 0.0.0.0, 65535"
  })
  void hostAndPortAreParsed(String text, String host, int port) {
    InetSocketAddress parsed = address.convert(text);
    assertThat(parsed.getAddress().getHostAddress()).isEqualTo(host);
    assertThat(parsed.getPort()).isEqualTo(port);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"8080", "127.0.0.1", ":8080", "127.0.0.1:", "127.0.0.1:65536", "::1:80"})
  void anythingElseIsRefusedWithAnExample(String text) {
    assertThatThrownBy(() -> address.convert(text))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("'" + text + "'");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"127.0.0.1:8080", "127.8.9.10:1", "[::1]:8080", "localhost:0"})
  void loopbackAddressesAreServedWithoutTheFlag(String text) {
    assertThat(HttpOptions.refusal(address.convert(text), false)).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"0.0.0.0:8080", "[::]:8080", "192.0.2.7:8080"})
  void otherAddressesNeedHttpPublic(String text) {
    InetSocketAddress other = address.convert(text);
    assertThat(HttpOptions.refusal(other, false))
        .startsWith(other.getAddress().getHostAddress() + " is not a loopback address")
        .contains("--http-public");
    assertThat(HttpOptions.refusal(other, true)).isNull();
  }

  @Test
  void theUrlOfAServerBoundEverywhereIsOnLoopback() {
    assertThat(HttpOptions.baseUrl(address.convert("0.0.0.0:8080")))
        .isEqualTo("http://127.0.0.1:8080");
    assertThat(HttpOptions.baseUrl(address.convert("127.0.0.1:9"))).isEqualTo("http://127.0.0.1:9");
    assertThat(HttpOptions.baseUrl(address.convert("[::1]:8080")))
        .isEqualTo("http://[0:0:0:0:0:0:0:1]:8080");
  }
}
