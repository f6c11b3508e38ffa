package io.reactivedht.cli;

import io.reactivedht.core.validation.InvalidRecordException;
import io.reactivedht.reactor.value.PutResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dht put KEY FILE}: store a value record. */
@Command(
    name = "put",
    mixinStandardHelpOptions = true,
    description = {
      "Store a value record on the peers closest to its key (PUT_VALUE).",
      "KEY is /pk/<peer id> (FILE holds the libp2p public key protobuf of that peer) or /ipns/<name> (FILE holds "
          + "a signed IPNS record; `dht ipns publish` makes one). The record is validated before it is sent. "
          + "Nobody republishes it after the exit.",
      "--json: {\"key\":\"...\",\"accepted\":N,\"failed\":N}."
    })
final class PutCommand extends OneShot {
  private static final long MAX_VALUE = 1024 * 1024;

  @Parameters(index = "0", paramLabel = "KEY", description = "/pk/<peer id> or /ipns/<name>")
  String key;

  @Parameters(index = "1", paramLabel = "FILE", description = "the record value (raw bytes)")
  Path file;

  private byte[] routingKey;
  private byte[] value;

  @Override
  void validate() {
    routingKey = RecordKeys.recordKey(key, "KEY");
    value = read(file);
  }

  @Override
  int run(Node running) {
    PutResult result;
    try {
      result = running.dht().putValue(routingKey, value).timeout(remaining()).block();
    } catch (InvalidRecordException e) {
      throw new CliException(
          "FILE", file + ": not a valid record for " + key + ": " + e.getMessage());
    }
    if (result == null || result.acceptedCount() == 0) {
      throw new CliException(
          "KEY",
          key
              + ": no peer accepted the record"
              + (result == null ? "" : " (" + result.failed().size() + " failed)"));
    }
    emit(
        Json.object()
            .put("key", key)
            .put("accepted", result.acceptedCount())
            .put("failed", result.failed().size()),
        "stored "
            + key
            + " on "
            + result.acceptedCount()
            + " peers ("
            + result.failed().size()
            + " failed)");
    return 0;
  }

  static byte[] read(Path file) {
    try {
      if (Files.size(file) > MAX_VALUE) {
        throw new CliException("FILE", file + ": larger than " + MAX_VALUE + " bytes");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CliException("FILE", file + ": cannot read (" + e + ")");
    }
  }
}
