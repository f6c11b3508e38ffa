package io.reactivedht.cli;

import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.core.ipns.IpnsName;
import io.reactivedht.core.ipns.IpnsRecord;
import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.reactor.value.PutResult;
import io.reactivedht.reactor.value.ValueNotFoundException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import reactor.core.publisher.Mono;

/** {@code dht ipns}: publish and resolve IPNS names. */
@Command(
    name = "ipns",
    mixinStandardHelpOptions = true,
    description = "Publish and resolve IPNS names (signed records under /ipns/<name>).",
    subcommands = {IpnsCommand.Publish.class, IpnsCommand.Resolve.class})
final class IpnsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code dht ipns publish --identity FILE VALUE}. */
  @Command(
      name = "publish",
      mixinStandardHelpOptions = true,
      description = {
        "Sign an IPNS record with the --identity key (required; the name is its peer id) and put it "
            + "on the peers closest to the name. Prints the name (k51...).",
        "--json: {\"name\":\"...\",\"value\":\"...\",\"sequence\":N,\"accepted\":N}."
      })
  static final class Publish extends OneShot {
    @Parameters(
        paramLabel = "VALUE",
        description = "the path the name points to: /ipfs/<cid>, /ipns/<name>, or a CID")
    String value;

    @Option(
        names = "--lifetime",
        paramLabel = "DURATION",
        defaultValue = "24h",
        description = "how long the record is valid (default ${DEFAULT-VALUE})")
    Duration lifetime;

    @Option(
        names = "--ttl",
        paramLabel = "DURATION",
        defaultValue = "1h",
        description = "how long resolvers may cache it (default ${DEFAULT-VALUE})")
    Duration ttl;

    @Option(
        names = "--sequence",
        paramLabel = "N",
        description =
            "the record's version (default: one more than the record found in the DHT, or 0)")
    @Nullable Long sequence;

    private @Nullable PrivateKey key;

    @Override
    PrivateKey identity() {
      if (node.identity == null) {
        throw usage(
            "--identity", "missing: the key file that signs the record (created if absent)");
      }
      key = node.identityKey(null);
      return key;
    }

    private String path;

    @Override
    void validate() {
      path = path(value);
    }

    @Override
    int run(Node running) {
      PrivateKey key = Objects.requireNonNull(this.key, "identity() runs before run()");
      IpnsName name = new IpnsName(PeerId.fromPublicKey(key.publicKey()));
      long seq = sequence != null ? sequence : nextSequence(running, name);
      IpnsRecord record;
      try {
        record =
            IpnsRecord.create(
                key,
                path.getBytes(StandardCharsets.UTF_8),
                seq,
                Instant.now().plus(lifetime).truncatedTo(ChronoUnit.MILLIS),
                ttl,
                true);
      } catch (IllegalArgumentException e) {
        throw new CliException("VALUE", String.valueOf(e.getMessage()));
      }
      PutResult result =
          running.dht().putValue(name.routingKey(), record.encode()).timeout(remaining()).block();
      if (result == null || result.acceptedCount() == 0) {
        throw new CliException(
            "--bootstrap",
            "no peer accepted the record"
                + (result == null ? "" : " (" + result.failed().size() + " failed)"));
      }
      emit(
          Json.object()
              .put("name", name.toString())
              .put("value", path)
              .put("sequence", seq)
              .put("accepted", result.acceptedCount()),
          name.toString());
      note("published " + path + " (sequence " + seq + ") to " + result.acceptedCount() + " peers");
      return 0;
    }

    private long nextSequence(Node running, IpnsName name) {
      return running
          .dht()
          .getValue(name.routingKey(), 1)
          .timeout(remaining())
          .map(r -> IpnsRecord.decode(r.value()).sequence() + 1)
          .onErrorResume(ValueNotFoundException.class, e -> Mono.just(0L))
          .blockOptional()
          .orElse(0L);
    }

    static String path(String value) {
      if (value.startsWith("/ipfs/") || value.startsWith("/ipns/")) {
        return value;
      }
      try {
        return "/ipfs/" + Cid.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CliException(
            "VALUE", "'" + value + "' is neither /ipfs/<cid>, /ipns/<name> nor a CID");
      }
    }
  }

  /** {@code dht ipns resolve NAME}. */
  @Command(
      name = "resolve",
      mixinStandardHelpOptions = true,
      description = {
        "Resolve an IPNS name to the path in its best valid record.",
        "--json: {\"name\":\"...\",\"value\":\"/ipfs/...\",\"sequence\":N,\"validity\":\"...\"}.",
        "With --api (or --datastore) a running daemon searches: GET /routing/v1/ipns/{name}, or "
            + "with --quorum its daemon-only GET /dht/v1/values/ipns/<name>?quorum=Q."
      })
  static final class Resolve extends ReadOneShot {
    @Parameters(paramLabel = "NAME", description = "k51..., 12D3KooW... or /ipns/<name>")
    String text;

    @Option(
        names = "--quorum",
        paramLabel = "Q",
        description =
            "stop once Q peers answered with a valid record (default: the node's IPNS quorum, 16)")
    @Nullable Integer quorum;

    private IpnsName name;

    @Override
    void validate() {
      name = RecordKeys.ipnsName(text, "NAME");
      if (quorum != null && quorum < 1) {
        throw usage("--quorum", quorum + ": must be at least 1");
      }
    }

    @Override
    int run(Node running) {
      return print(value(running, name.routingKey(), quorum));
    }

    @Override
    int runThrough(DaemonApi api) {
      Mono<byte[]> get =
          quorum == null
              ? api.ipnsRecord(name.toString(), remaining())
              : api.value("/ipns/" + name, quorum, remaining());
      return print(get.timeout(remaining()).block());
    }

    private int print(byte @Nullable [] found) {
      if (found == null) {
        throw new CliException("NAME", name + ": no valid record found");
      }
      IpnsRecord record = IpnsRecord.decode(found);
      emit(
          Json.object()
              .put("name", name.toString())
              .put("value", record.path())
              .put("sequence", record.sequence())
              .put("validity", record.validity().toString()),
          record.path());
      return 0;
    }
  }
}
