package io.reactivedht.core.validation;

import static io.reactivedht.core.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactivedht.core.record.Record;
import io.reactivedht.core.record.Rfc3339;
import io.reactivedht.core.testing.Vectors;
import io.reactivedht.core.validation.InvalidRecordException.Reason;
import io.reactivedht.core.wire.pb.DhtProto;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pk validator against vectors/records-pk.json (@libp2p/kad-dht 16.4.5): alone ({@code
 * pkValidator}) and through the namespace dispatch ({@code verifyRecord}), both with js's default
 * set (pk only) and with ours ({@link NamespacedValidator#defaults()}: pk and ipns).
 */
class PublicKeyValidatorVectorsTest {
  private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
  private static final PublicKeyValidator PK = new PublicKeyValidator();
  private static final NamespacedValidator JS_DEFAULT_SET =
      NamespacedValidator.of(Map.of("pk", PK));

  /**
   * js accepts the ECDSA key under an identity multihash of its 91-byte protobuf, which is not a
   * peer id by the spec's 42-byte rule: this case follows the spec and is rejected.
   */
  private static final String JS_ACCEPTS_SPEC_REJECTS = "ecdsa-p256-a-js-identity-key";

  /** Why the pk validator alone rejects each invalid case. */
  private static final Map<String, Set<Reason>> PK_REASONS =
      Map.ofEntries(
          Map.entry(JS_ACCEPTS_SPEC_REJECTS, Set.of(Reason.INVALID_KEY)),
          // js's ECDSA public-key Data is not the spec's SubjectPublicKeyInfo: a spec decoder
          // either refuses it, or
          // reads the key and derives another peer id than the one in the key.
          Map.entry("ecdsa-p256-a", Set.of(Reason.MALFORMED_VALUE, Reason.PUBLIC_KEY_MISMATCH)),
          Map.entry("mismatch-rsa", Set.of(Reason.PUBLIC_KEY_MISMATCH)),
          Map.entry("mismatch-ed25519", Set.of(Reason.PUBLIC_KEY_MISMATCH)),
          Map.entry("mismatch-key-type", Set.of(Reason.PUBLIC_KEY_MISMATCH)),
          // js: "does not match"; here the identity multihash of a 299-byte key is not a peer id at
          // all.
          Map.entry("rsa-identity-multihash-key", Set.of(Reason.INVALID_KEY)),
          Map.entry("ed25519-sha256-multihash-key", Set.of(Reason.PUBLIC_KEY_MISMATCH)),
          Map.entry("value-not-a-key", Set.of(Reason.MALFORMED_VALUE)),
          Map.entry("value-private-key", Set.of(Reason.MALFORMED_VALUE)),
          Map.entry("value-empty", Set.of(Reason.MALFORMED_VALUE)),
          Map.entry("key-too-short", Set.of(Reason.INVALID_KEY)),
          Map.entry("key-other-namespace", Set.of(Reason.INVALID_KEY)),
          Map.entry("key-unknown-namespace", Set.of(Reason.INVALID_KEY)),
          Map.entry("key-no-namespace", Set.of(Reason.INVALID_KEY)));

  static Stream<Named<JsonNode>> cases() {
    return Vectors.cases("records-pk.json", "cases").stream().map(c -> Named.of(title(c), c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void pkValidator(JsonNode c) {
    check(c, c.get("pkValidator"), PK, PK_REASONS.get(name(c)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void verifyRecordWithJsDefaultSet(JsonNode c) {
    Set<Reason> reasons =
        switch (name(c)) {
          case "key-other-namespace", "key-unknown-namespace" -> Set.of(Reason.UNKNOWN_NAMESPACE);
          case "key-no-namespace" -> Set.of(Reason.MISSING_NAMESPACE);
          default -> PK_REASONS.get(name(c));
        };
    check(c, c.get("verifyRecord"), JS_DEFAULT_SET, reasons);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void verifyRecordWithOurDefaults(JsonNode c) {
    Set<Reason> reasons =
        switch (name(c)) {
          // ours has an ipns validator, which finds no IPNS record in a public key
          case "key-other-namespace" -> Set.of(Reason.MISSING_SIGNATURE);
          case "key-unknown-namespace" -> Set.of(Reason.UNKNOWN_NAMESPACE);
          case "key-no-namespace" -> Set.of(Reason.MISSING_NAMESPACE);
          default -> PK_REASONS.get(name(c));
        };
    check(c, c.get("verifyRecord"), NamespacedValidator.defaults(), reasons);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theRecordProtobufCarriesKeyValueAndTime(JsonNode c) throws Exception {
    DhtProto.Record pb = DhtProto.Record.parseFrom(hex(c.get("record")));

    assertThat(hex(pb.getKey().toByteArray())).isEqualTo(c.get("key").asText());
    assertThat(hex(pb.getValue().toByteArray())).isEqualTo(c.get("value").asText());
    assertThat(Rfc3339.parse(pb.getTimeReceived()))
        .isEqualTo(Rfc3339.parse(c.get("timeReceived").asText()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("selection")
  void selectionAlwaysPicksTheFirst(JsonNode s) {
    byte[] key = hex(s.get("key"));
    List<byte[]> values = new ArrayList<>();
    s.get("records").forEach(r -> values.add(hex(r)));

    assertThat(PK.select(key, values)).isEqualTo(s.get("selectedIndex").asInt());
    assertThat(NamespacedValidator.defaults().select(key, values))
        .isEqualTo(s.get("selectedIndex").asInt());
  }

  static Stream<Named<JsonNode>> selection() {
    return Vectors.cases("records-pk.json", "selection").stream()
        .map(s -> Named.of(s.get("name").asText(), s));
  }

  private static void check(
      JsonNode c, JsonNode expected, Validator validator, Set<Reason> reasons) {
    Record record =
        new Record(
            hex(c.get("key")), hex(c.get("value")), Rfc3339.parse(c.get("timeReceived").asText()));
    boolean jsValid = expected.get("result").asText().equals("valid");
    boolean specValid = jsValid && !name(c).equals(JS_ACCEPTS_SPEC_REJECTS);

    if (specValid) {
      assertThatCode(() -> validator.validate(record, NOW)).doesNotThrowAnyException();
      return;
    }
    assertThat(reasons).as("expected reasons for %s", name(c)).isNotNull();
    assertThatThrownBy(() -> validator.validate(record, NOW))
        .isInstanceOfSatisfying(
            InvalidRecordException.class,
            e -> assertThat(e.reason()).as(e.getMessage()).isIn(reasons));
  }

  private static String name(JsonNode c) {
    return c.get("name").asText();
  }

  private static String title(JsonNode c) {
    return name(c).equals(JS_ACCEPTS_SPEC_REJECTS)
        ? name(c) + " (js accepts; the spec rejects)"
        : name(c);
  }
}
