package io.reactivedht.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.core.record.Record;
import io.reactivedht.core.validation.InvalidRecordException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamespacedValidatorTest {
  private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

  /** Records what it was asked, rejects values that are "bad" and selects the last value. */
  private static final class Recording implements Validator {
    final List<String> calls = new ArrayList<>();

    @Override
    public void validate(Record record, Instant now) {
      calls.add("validate " + text(record.key()) + " at " + now);
      if (text(record.value()).equals("bad")) {
        throw new InvalidRecordException(Reason.MALFORMED_VALUE, "bad");
      }
    }

    @Override
    public int select(byte[] key, List<byte[]> values) {
      calls.add("select " + text(key) + " from " + values.size());
      return values.size() - 1;
    }
  }

  private final Recording foo = new Recording();
  private final Recording bar = new Recording();
  private final NamespacedValidator validator =
      NamespacedValidator.of(Map.of("foo", foo, "bar", bar));

  @Test
  void dispatchesValidationOnTheNamespace() {
    validator.validate(record("/foo/x", "good"), NOW);

    assertThat(foo.calls).containsExactly("validate /foo/x at " + NOW);
    assertThat(bar.calls).isEmpty();
  }

  @Test
  void passesOnTheNamespaceValidatorsRejection() {
    assertThatThrownBy(() -> validator.validate(record("/bar/x", "bad"), NOW))
        .isInstanceOfSatisfying(
            InvalidRecordException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_VALUE));
    assertThat(bar.calls).hasSize(1);
  }

  @Test
  void dispatchesSelectionOnTheNamespace() {
    assertThat(validator.select(bytes("/bar/y"), List.of(bytes("a"), bytes("b"), bytes("c"))))
        .isEqualTo(2);
    assertThat(bar.calls).containsExactly("select /bar/y from 3");
    assertThat(foo.calls).isEmpty();
  }

  @Test
  void rejectsKeysWithoutANamespace() {
    for (String key : List.of("", "foo", "foo/x", "/foo", "//x", "x/foo/")) {
      assertThatThrownBy(() -> validator.validate(record(key, "good"), NOW))
          .as(key)
          .isInstanceOfSatisfying(
              InvalidRecordException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_NAMESPACE));
      assertThatThrownBy(() -> validator.select(bytes(key), List.of(bytes("a"))))
          .as(key)
          .isInstanceOfSatisfying(
              InvalidRecordException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_NAMESPACE));
    }
    assertThat(foo.calls).isEmpty();
  }

  @Test
  void rejectsUnknownNamespacesNamingThem() {
    for (String key : List.of("/baz/x", "/FOO/x", "/foo2/x", "/fo/o/x")) {
      assertThatThrownBy(() -> validator.validate(record(key, "good"), NOW))
          .as(key)
          .isInstanceOfSatisfying(
              InvalidRecordException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_NAMESPACE))
          .hasMessageContaining("'" + key.substring(1, key.indexOf('/', 1)) + "'");
      assertThatThrownBy(() -> validator.select(bytes(key), List.of(bytes("a"))))
          .isInstanceOfSatisfying(
              InvalidRecordException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_NAMESPACE));
    }
  }

  @Test
  void refusesToSelectFromNoValues() {
    assertThatThrownBy(() -> validator.select(bytes("/foo/x"), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NamespacedValidator.defaults().select(bytes("/ipns/x"), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PublicKeyValidator().select(bytes("/pk/x"), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IpnsValidator().select(bytes("/ipns/x"), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(foo.calls).isEmpty();
  }

  @Test
  void isImmutable() {
    Map<String, Validator> map = new HashMap<>(Map.of("foo", foo));
    NamespacedValidator copy = NamespacedValidator.of(map);
    map.put("bar", bar);

    assertThat(copy.namespaces()).containsExactly("foo");
    assertThatThrownBy(() -> copy.namespaces().add("bar"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> copy.validate(record("/bar/x", "good"), NOW))
        .isInstanceOf(InvalidRecordException.class);
  }

  @Test
  void refusesNamespacesThatNoKeyCanHave() {
    assertThatThrownBy(() -> NamespacedValidator.of(Map.of("", foo)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NamespacedValidator.of(Map.of("a/b", foo)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void defaultsArePkAndIpns() {
    NamespacedValidator defaults = NamespacedValidator.defaults();

    assertThat(defaults.namespaces()).containsExactlyInAnyOrder("pk", "ipns");
    assertThat(defaults.validatorFor("pk")).containsInstanceOf(PublicKeyValidator.class);
    assertThat(defaults.validatorFor("ipns")).containsInstanceOf(IpnsValidator.class);
    assertThat(defaults.validatorFor("foo")).isEmpty();
    assertThatCode(() -> defaults.select(bytes("/pk/x"), List.of(bytes("a"), bytes("b"))))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> defaults.validate(record("/providers/x", "v"), NOW))
        .isInstanceOfSatisfying(
            InvalidRecordException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_NAMESPACE));
  }

  private static Record record(String key, String value) {
    return Record.of(bytes(key), bytes(value));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
