package io.reactivedht.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code DIR/api}: written whole, read back as a URL, removed only by the daemon that wrote it. */
class ApiFileTest {
  @TempDir Path dir;

  @Test
  void whatIsWrittenIsReadBackAndNoTemporaryFileStays() throws IOException {
    ApiFile.write(dir, "http://127.0.0.1:8080");
    assertThat(Files.readString(dir.resolve("api"))).isEqualTo("http://127.0.0.1:8080\n");
    assertThat(ApiFile.read(dir)).isEqualTo(URI.create("http://127.0.0.1:8080"));
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(dir.resolve("api"));
    }
  }

  @Test
  void noFileMeansNoDaemon() {
    assertThat(ApiFile.read(dir)).isNull();
  }

  @Test
  void aFileOfAnotherDaemonIsLeftAlone() {
    ApiFile.write(dir, "http://127.0.0.1:9000");
    ApiFile.delete(dir, "http://127.0.0.1:8080");
    assertThat(dir.resolve("api")).exists();
    ApiFile.delete(dir, "http://127.0.0.1:9000");
    assertThat(dir.resolve("api")).doesNotExist();
    ApiFile.delete(dir, "http://127.0.0.1:9000"); // gone already: nothing to do
  }

  @Test
  void aFileWithoutAUrlNamesTheDatastore() throws IOException {
    Files.writeString(dir.resolve("api"), "/ip4/127.0.0.1/tcp/5001\n");
    assertThatThrownBy(() -> ApiFile.read(dir))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("is not an http://HOST:PORT URL")
        .satisfies(e -> assertThat(((CliException) e).argument()).isEqualTo("--datastore"));
  }

  @Test
  void urlsLoseTheirTrailingSlashAndNeedAHostAndPort() {
    assertThat(ApiFile.url(" http://localhost:5001/ "))
        .isEqualTo(URI.create("http://localhost:5001"));
    assertThatThrownBy(() -> ApiFile.url("http://localhost"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ApiFile.url("https://127.0.0.1:8080"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ApiFile.url("127.0.0.1:8080"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
