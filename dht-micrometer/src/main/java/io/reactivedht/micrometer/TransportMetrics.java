package io.reactivedht.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.reactivedht.transport.TransportFigures;

/**
 * Binds a {@code Libp2pTransport}'s figures: {@value #CONNECTIONS} and {@value #STREAMS} gauges
 * (open now), {@value #BYTES_RECEIVED} and {@value #BYTES_SENT} function counters (at the sockets,
 * Noise and yamux framing included). Needs {@code dht-transport} on the class or module path.
 *
 * <pre>{@code
 * new TransportMetrics(transport.figures()).bindTo(meterRegistry);
 * }</pre>
 */
public final class TransportMetrics implements MeterBinder {
  /** The gauge of the TCP connections open. */
  public static final String CONNECTIONS = "dht.transport.connections";

  /** The gauge of the yamux streams open. */
  public static final String STREAMS = "dht.transport.streams";

  /** The counter of the bytes received. */
  public static final String BYTES_RECEIVED = "dht.transport.bytes.received";

  /** The counter of the bytes sent. */
  public static final String BYTES_SENT = "dht.transport.bytes.sent";

  private final TransportFigures figures;
  private final Tags tags;

  /**
   * Binds {@code figures} without extra tags.
   *
   * @param figures the transport's {@code figures()}, read weakly: the meters end with the
   *     transport
   */
  public TransportMetrics(TransportFigures figures) {
    this(figures, Tags.empty());
  }

  /**
   * Binds {@code figures} with extra tags, e.g. to tell several transports apart.
   *
   * @param figures the transport's {@code figures()}
   * @param tags added to every meter; low-cardinality
   */
  public TransportMetrics(TransportFigures figures, Iterable<Tag> tags) {
    this.figures = figures;
    this.tags = Tags.of(tags);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder(CONNECTIONS, figures, f -> (double) f.connectionsOpen())
        .description("The TCP connections open")
        .baseUnit("connections")
        .tags(tags)
        .register(registry);
    Gauge.builder(STREAMS, figures, f -> (double) f.streamsOpen())
        .description("The yamux streams open")
        .baseUnit("streams")
        .tags(tags)
        .register(registry);
    FunctionCounter.builder(BYTES_RECEIVED, figures, f -> (double) f.bytesReceived())
        .description("The bytes read from the sockets")
        .baseUnit("bytes")
        .tags(tags)
        .register(registry);
    FunctionCounter.builder(BYTES_SENT, figures, f -> (double) f.bytesSent())
        .description("The bytes handed to the sockets")
        .baseUnit("bytes")
        .tags(tags)
        .register(registry);
  }
}
