package io.reactivedht.reactor.internal.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.core.record.Record;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PublishedRecordsTest {
  private final PublishedRecords published = new PublishedRecords(2, null);

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void keepsTheLatestValuePerKeyInTheOrderKeysCameFirst() {
    published.remember(bytes("/pk/a"), bytes("1"));
    published.remember(bytes("/pk/b"), bytes("2"));
    published.remember(bytes("/pk/a"), bytes("3"));

    assertThat(published.snapshot())
        .containsExactly(
            Record.of(bytes("/pk/a"), bytes("3")), Record.of(bytes("/pk/b"), bytes("2")));
  }

  @Test
  void refusesANewKeyWhenFullButNotAnewValueOfAKnownOne() {
    published.remember(bytes("/pk/a"), bytes("1"));
    published.remember(bytes("/pk/b"), bytes("2"));

    assertThat(published.hasRoomFor(bytes("/pk/c"))).isFalse();
    assertThat(published.hasRoomFor(bytes("/pk/a"))).isTrue();
    assertThatThrownBy(() -> published.remember(bytes("/pk/c"), bytes("3")))
        .isInstanceOf(IllegalStateException.class);
    published.remember(bytes("/pk/b"), bytes("4"));
    assertThat(published.size()).isEqualTo(2);
  }

  @Test
  void forgetsAValueOnlyIfItIsStillTheOnePublished() {
    published.remember(bytes("/pk/a"), bytes("1"));
    published.remember(bytes("/pk/a"), bytes("2"));

    published.forget(bytes("/pk/a"), bytes("1"));
    assertThat(published.size()).isOne();
    published.forget(bytes("/pk/a"), bytes("2"));
    assertThat(published.size()).isZero();
    assertThat(published.forget(bytes("/pk/a"))).isFalse();
  }

  @Test
  void theCallerCannotChangeWhatIsHeld() {
    byte[] key = bytes("/pk/a");
    byte[] value = bytes("1");
    published.remember(key, value);
    key[1] = 'x';
    value[0] = '9';

    assertThat(published.snapshot()).containsExactly(Record.of(bytes("/pk/a"), bytes("1")));
  }
}
