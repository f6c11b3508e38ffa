package io.reactivedht.cli;

import io.reactivedht.core.record.Record;
import io.reactivedht.reactor.value.ValueNotFoundException;
import java.net.URI;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;
import reactor.core.publisher.Mono;

/**
 * A one-shot that only reads from the network, and so can run through a running daemon's HTTP API
 * instead of joining the network itself: with {@code --api URL}, or {@code --datastore DIR} whose
 * {@code DIR/api} names the daemon on that datastore. When nobody answers there, it joins through
 * {@code --bootstrap} as any one-shot does, with a note on stderr. The output is the same either
 * way.
 */
abstract class ReadOneShot extends OneShot {
  @Option(
      names = "--api",
      paramLabel = "URL",
      description =
          "run through the HTTP API of a running `dht daemon --http`, e.g. http://127.0.0.1:8080: "
              + "the daemon's warm node answers, without joining the network. If nobody answers "
              + "there, the command joins through --bootstrap (if given) instead, with a note on "
              + "stderr")
  @Nullable String api;

  @Option(
      names = "--datastore",
      paramLabel = "DIR",
      description =
          "run through the daemon running on datastore DIR (`dht daemon --datastore DIR --http "
              + "...`), found through the URL it writes to DIR/api; as --api, --bootstrap is the "
              + "fallback")
  @Nullable Path datastore;

  @Override
  final @Nullable URI daemonUrl() {
    if (api != null) {
      try {
        return ApiFile.url(api);
      } catch (IllegalArgumentException e) {
        throw usage("--api", String.valueOf(e.getMessage()));
      }
    }
    if (datastore == null) {
      return null;
    }
    URI url = ApiFile.read(datastore);
    if (url == null) {
      String missing =
          datastore.resolve(ApiFile.NAME) + ": no daemon with --http runs on this datastore";
      if (node.bootstrap.isEmpty()) {
        throw new CliException("--datastore", missing + "; give --bootstrap to join the network");
      }
      fallbackNote(missing);
    }
    return url;
  }

  /**
   * The value of the best valid record under {@code routingKey} ({@link Node#record}), or null if
   * none was found within the time left.
   */
  final byte @Nullable [] value(Node running, byte[] routingKey, @Nullable Integer quorum) {
    return running
        .record(routingKey, quorum)
        .timeout(remaining())
        .map(Record::value)
        .onErrorResume(ValueNotFoundException.class, e -> Mono.empty())
        .block();
  }

  @Override
  final String daemonOption() {
    return api != null ? "--api" : "--datastore";
  }
}
