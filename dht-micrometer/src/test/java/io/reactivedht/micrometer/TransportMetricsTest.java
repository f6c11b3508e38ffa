package io.reactivedht.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reactivedht.transport.TransportFigures;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link TransportMetrics} reads the figures live. */
class TransportMetricsTest {
  private final AtomicLong value = new AtomicLong(3);

  private final TransportFigures figures =
      new TransportFigures() {
        @Override
        public long connectionsOpen() {
          return value.get();
        }

        @Override
        public long streamsOpen() {
          return 2 * value.get();
        }

        @Override
        public long bytesReceived() {
          return 100 * value.get();
        }

        @Override
        public long bytesSent() {
          return 10 * value.get();
        }
      };

  @Test
  void theFiguresAreReadAtEachScrape() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    new TransportMetrics(figures, Tags.of("node", "a")).bindTo(meters);

    assertThat(meters.get(TransportMetrics.CONNECTIONS).tag("node", "a").gauge().value())
        .isEqualTo(3);
    value.set(5);
    assertThat(meters.get(TransportMetrics.CONNECTIONS).gauge().value()).isEqualTo(5);
    assertThat(meters.get(TransportMetrics.STREAMS).gauge().value()).isEqualTo(10);
    assertThat(meters.get(TransportMetrics.BYTES_RECEIVED).functionCounter().count())
        .isEqualTo(500);
    assertThat(meters.get(TransportMetrics.BYTES_SENT).functionCounter().count()).isEqualTo(50);
    assertThat(meters.get(TransportMetrics.BYTES_SENT).functionCounter().getId().getBaseUnit())
        .isEqualTo("bytes");
  }
}
