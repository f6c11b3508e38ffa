package io.reactivedht.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dht get KEY}: fetch a value record. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = {
      "Fetch the best valid value record for a key (GET_VALUE lookup).",
      "KEY is /pk/<peer id> (a public key record) or /ipns/<name> (a signed IPNS record; `dht ipns resolve` "
          + "decodes it). The value is printed in base64, or written as raw bytes with --out.",
      "--json: {\"key\":\"...\",\"value\":\"<base64>\",\"size\":N}.",
      "With --api (or --datastore) a running daemon searches, through its daemon-only "
          + "GET /dht/v1/values/pk/<peer id> or /dht/v1/values/ipns/<name> (?quorum=Q)."
    })
final class GetCommand extends ReadOneShot {
  @Parameters(paramLabel = "KEY", description = "/pk/<peer id> or /ipns/<name>")
  String key;

  @Option(
      names = "--quorum",
      paramLabel = "Q",
      description =
          "stop once Q peers answered with a valid record (default: 16 for /ipns/, 1 for /pk/)")
  @Nullable Integer quorum;

  @Option(names = "--out", paramLabel = "FILE", description = "write the value's raw bytes to FILE")
  @Nullable Path out;

  private byte[] routingKey;

  @Override
  void validate() {
    routingKey = RecordKeys.recordKey(key, "KEY");
    if (quorum != null && quorum < 1) {
      throw usage("--quorum", quorum + ": must be at least 1");
    }
  }

  @Override
  int run(Node running) {
    return print(value(running, routingKey, quorum));
  }

  @Override
  int runThrough(DaemonApi api) {
    return print(api.value(key, quorum, remaining()).timeout(remaining()).block());
  }

  private int print(byte @Nullable [] value) {
    if (value == null) {
      throw new CliException("KEY", key + ": no valid record found");
    }
    if (out != null) {
      try {
        Files.write(out, value);
      } catch (IOException e) {
        throw new CliException("--out", out + ": " + e.getMessage());
      }
    }
    String base64 = Base64.getEncoder().encodeToString(value);
    emit(
        Json.object().put("key", key).put("value", base64).put("size", value.length),
        out != null ? "wrote " + value.length + " bytes to " + out : base64);
    return 0;
  }
}
