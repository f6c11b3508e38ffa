package io.reactivedht.cli;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.transport.KeyFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The options every command that runs a node shares (a picocli mixin). */
final class NodeOptions {
  @Option(
      names = "--bootstrap",
      paramLabel = "MULTIADDR",
      converter = Converters.BootstrapPeer.class,
      description =
          "a peer to join the network through, with its id: /ip4/1.2.3.4/tcp/4001/p2p/12D3KooW... or "
              + "/dnsaddr/bootstrap.libp2p.io/p2p/QmNnoo... (resolved when dialed; repeatable)")
  List<PeerInfo> bootstrap = new ArrayList<>();

  @Option(
      names = "--listen",
      paramLabel = "MULTIADDR",
      description =
          "a TCP address to listen on (repeatable; default: /ip4/0.0.0.0/tcp/0 for the daemon, "
              + "/ip4/127.0.0.1/tcp/0 for one-shot commands)")
  List<Multiaddr> listen = new ArrayList<>();

  @Option(
      names = "--identity",
      paramLabel = "FILE",
      description =
          "the node's libp2p private key (protobuf, as go and js store it); created with a new Ed25519 "
              + "key if missing (default: a new key for this run only)")
  @Nullable Path identity;

  @Option(
      names = "--protocol",
      paramLabel = "ID",
      defaultValue = DhtOptions.IPFS_PROTOCOL,
      description =
          "the DHT protocol id (default ${DEFAULT-VALUE}; a private network uses its own)")
  String protocol = DhtOptions.IPFS_PROTOCOL;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "1m",
      description =
          "how long joining plus the operation may take: 500ms, 30s, 2m, 1h or ISO-8601 such as PT30S "
              + "(default ${DEFAULT-VALUE})")
  Duration timeout = Duration.ofMinutes(1);

  @Option(names = "--json", description = "newline-delimited JSON on stdout: one object per result")
  boolean json;

  @Option(
      names = {"-v", "--verbose"},
      description =
          "log what the node does (java.util.logging FINE for io.reactivedht, INFO for libraries) to stderr")
  void verbose(boolean on) {
    if (on) {
      enableLogging(Level.FINE);
    }
  }

  /**
   * The key in {@code --identity} (created if missing), or {@code fallback}'s, or a new key for
   * this run.
   */
  PrivateKey identityKey(@Nullable Path fallback) {
    Path file = identity != null ? identity : fallback;
    if (file == null) {
      return Ed25519PrivateKey.generate(new SecureRandom());
    }
    try {
      return KeyFile.loadOrCreate(file);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new CliException(
          "--identity", file + ": not a libp2p private key file (" + e.getMessage() + ")");
    }
  }

  /** The listen addresses, or {@code fallback} if none were given. */
  List<Multiaddr> listenOr(String fallback) {
    return listen.isEmpty() ? List.of(Multiaddr.parse(fallback)) : List.copyOf(listen);
  }

  /**
   * Sends java.util.logging records of this project at {@code level} and above to stderr, and the
   * libraries' (Netty, Reactor) at INFO and above, or at WARNING when {@code level} is higher.
   */
  static void enableLogging(Level level) {
    Logger root = Logger.getLogger("");
    root.setLevel(level.intValue() > Level.INFO.intValue() ? level : Level.INFO);
    for (var handler : root.getHandlers()) {
      root.removeHandler(handler);
    }
    ConsoleHandler stderr = new ConsoleHandler();
    stderr.setLevel(level);
    root.addHandler(stderr);
    OWN.setLevel(level);
  }

  /** Held so that its level is not garbage collected with it. */
  private static final Logger OWN = Logger.getLogger("io.reactivedht");
}
