package io.reactivedht.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.config.RequestRateLimit;
import io.reactivedht.transport.Libp2pOptions;
import io.reactivedht.transport.config.ConnectionLimits;
import io.reactivedht.transport.config.ResourceLimits;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LimitOptionsTest {
  private final Libp2pOptions defaults =
      Libp2pOptions.defaults(Ed25519PrivateKey.generate(new SecureRandom()));

  @Test
  void theDaemonsFlagsSetTheLimits() {
    LimitOptions limits =
        parse("--max-connections", "1024", "--memory-limit", "256", "--request-rate", "50");

    Libp2pOptions options = limits.apply(defaults);
    ConnectionLimits connections = options.host().limits();
    assertThat(connections.maxConnections()).isEqualTo(1024);
    assertThat(connections.outboundReserve()).isEqualTo(64);
    assertThat(connections.lowWater()).isEqualTo(640);
    assertThat(connections.highWater()).isEqualTo(800);
    ResourceLimits resources = options.host().resources();
    assertThat(resources.nodeMemory()).isEqualTo(256L << 20);
    assertThat(resources.peerMemory()).isEqualTo(ResourceLimits.DEFAULT_PER_PEER);
    assertThat(limits.apply(DhtOptions.defaults()).inboundRateLimit())
        .isEqualTo(new RequestRateLimit(50, 100));
  }

  @Test
  void aRateOfZeroIsNoLimitAndNoFlagsAreTheDefaults() {
    assertThat(parse("--request-rate", "0").apply(DhtOptions.defaults()).inboundRateLimit())
        .isEqualTo(RequestRateLimit.UNLIMITED);

    LimitOptions none = parse();
    assertThat(none.apply(defaults)).isEqualTo(defaults);
    assertThat(none.apply(DhtOptions.defaults())).isEqualTo(DhtOptions.defaults());
  }

  @Test
  void aSmallMemoryLimitBoundsThePeersAndConnectionsToo() {
    ResourceLimits resources = parse("--memory-limit", "8").apply(defaults).host().resources();

    assertThat(resources.peerMemory()).isEqualTo(8L << 20);
    assertThat(resources.connectionMemory()).isEqualTo(8L << 20);
  }

  private static LimitOptions parse(String... args) {
    String[] line = new String[args.length + 1];
    line[0] = "daemon";
    System.arraycopy(args, 0, line, 1, args.length);
    CommandLine.ParseResult parsed = DhtCommand.commandLine().parseArgs(line);
    return ((DaemonCommand) parsed.subcommand().commandSpec().userObject()).limits;
  }
}
