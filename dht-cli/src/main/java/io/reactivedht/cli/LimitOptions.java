package io.reactivedht.cli;

import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.config.RequestRateLimit;
import io.reactivedht.transport.Libp2pOptions;
import io.reactivedht.transport.config.ConnectionLimits;
import io.reactivedht.transport.config.HostOptions;
import io.reactivedht.transport.config.ResourceLimits;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The daemon's budgets (a picocli mixin); unset, the library's defaults apply. */
final class LimitOptions {
  @Spec(Spec.Target.MIXEE)
  @Nullable CommandSpec command;

  @Option(
      names = "--max-connections",
      paramLabel = "N",
      description =
          "the most open connections (default 512); an eighth at most is kept for our own dials, and"
              + " trimming runs from 25/32 of it down to 5/8")
  @Nullable Integer maxConnections;

  @Option(
      names = "--memory-limit",
      paramLabel = "MIB",
      description =
          "the most received-but-unread bytes peers may make the node hold, in MiB (default: an eighth"
              + " of the heap, 32 to 128); a peer gets 32 MiB of it at most, a connection 16")
  @Nullable Long memoryMib;

  @Option(
      names = "--request-rate",
      paramLabel = "N",
      description =
          "DHT requests one peer may send per second, with bursts of twice as many (default 100);"
              + " 0 for no limit")
  @Nullable Integer requestRate;

  /** The transport's options with these limits. */
  Libp2pOptions apply(Libp2pOptions options) {
    HostOptions host = options.host();
    if (maxConnections != null) {
      int n = maxConnections;
      if (n < 8) {
        throw usage("--max-connections", "must be at least 8, got " + n);
      }
      ConnectionLimits limits =
          host.limits()
              .withMaxConnections(n) // keeps the outbound reserve at an eighth of n at most
              .withWatermarks(n * 5 / 8, n * 25 / 32, host.limits().gracePeriod());
      host = host.withLimits(limits);
    }
    if (memoryMib != null) {
      if (memoryMib < 1) {
        throw usage("--memory-limit", "must be at least 1, got " + memoryMib);
      }
      long node = memoryMib << 20;
      host =
          host.withResources(
              host.resources()
                  .withMemory(
                      node,
                      Math.min(ResourceLimits.DEFAULT_PER_PEER, node),
                      Math.min(ResourceLimits.DEFAULT_PER_CONNECTION, node)));
    }
    return options.withHost(host);
  }

  /** The DHT's options with these limits. */
  DhtOptions apply(DhtOptions options) {
    if (requestRate == null) {
      return options;
    }
    if (requestRate < 0) {
      throw usage("--request-rate", "cannot be negative, got " + requestRate);
    }
    return options.withInboundRateLimit(
        requestRate == 0
            ? RequestRateLimit.UNLIMITED
            : new RequestRateLimit(requestRate, 2 * requestRate));
  }

  /** A bad value: reported as {@code dht: <option>: <reason>}, exit status 2. */
  private ParameterException usage(String option, String reason) {
    CommandSpec spec = Objects.requireNonNull(command, "a mixin has its command");
    return new ParameterException(spec.commandLine(), reason, spec.findOption(option), null);
  }
}
