package io.reactivedht.store.rocksdb;

import static io.reactivedht.store.rocksdb.Fixtures.provider;
import static io.reactivedht.store.rocksdb.Fixtures.providerKey;
import static io.reactivedht.store.rocksdb.Fixtures.record;
import static io.reactivedht.store.rocksdb.Fixtures.recordKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.store.rocksdb.Fixtures.ManualTicker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default durability: a write that returned survives a SIGKILL of the process (it is in the
 * write-ahead log in the page cache), without {@code syncWrites} and without a close.
 */
class ProcessCrashTest {
  private static final int WRITES = 500;

  @TempDir Path dir;

  @Test
  void everyReturnedWriteSurvivesAKill() throws Exception {
    Path data = dir.resolve("data");
    Process writer =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CrashWriter.class.getName(),
                data.toString(),
                Integer.toString(WRITES))
            .redirectErrorStream(true)
            .start();
    List<String> output = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.equals("written")) {
        output.add(line);
      }
      assertThat(line).as("the writer's output: %s", output).isEqualTo("written");
      writer.destroyForcibly(); // SIGKILL: no close, no flush
      writer.waitFor();
    } finally {
      writer.destroyForcibly();
    }

    ManualTicker ticker = new ManualTicker();
    try (RocksDatastore store =
        RocksDatastore.open(data, DatastoreOptions.DEFAULTS.withTicker(ticker))) {
      assertThat(store.values().count()).isEqualTo(WRITES);
      assertThat(store.providers().keyCount()).isEqualTo(WRITES);
      List<Cid> provided = store.nodeState().provided();
      assertThat(provided).hasSize(WRITES);
      for (int i = 0; i < WRITES; i++) {
        assertThat(store.values().get(recordKey(i))).contains(record(i, 300, ticker.now()));
        assertThat(store.providers().providers(providerKey(i)))
            .containsExactly(provider(i, i, ticker.now()));
        assertThat(provided).contains(CrashWriter.cid(i));
      }
    }
  }
}
