package io.reactivedht.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.core.multiformats.DecodingException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileTest {
  @TempDir Path dir;

  @Test
  void aNewKeyIsWrittenWholeIntoMissingDirectoriesAndLeavesNoTemporaryFile() throws IOException {
    Path file = dir.resolve("a/b/identity.key");

    PrivateKey created = KeyFile.loadOrCreate(file);

    assertThat(Files.readAllBytes(file)).isEqualTo(created.encoded());
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void aNewKeyFileIsReadableByItsOwnerOnly() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    Path file = dir.resolve("identity.key");

    KeyFile.loadOrCreate(file);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void anExistingKeyIsLoadedAndNeverRewritten() throws IOException {
    Path file = dir.resolve("identity.key");
    PrivateKey first = KeyFile.loadOrCreate(file);
    byte[] before = Files.readAllBytes(file);

    PrivateKey again = KeyFile.loadOrCreate(file);

    assertThat(again.encoded()).isEqualTo(first.encoded());
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void anEmptyFileLeftByACrashSaysWhatToDo() throws IOException {
    Path file = Files.createFile(dir.resolve("identity.key"));

    assertThatThrownBy(() -> KeyFile.loadOrCreate(file))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("is empty")
        .hasMessageContaining("delete it to start with a new identity");
    assertThat(Files.size(file)).isZero();
  }

  @Test
  void aTruncatedKeySaysWhatToDo() throws IOException {
    Path whole = dir.resolve("whole.key");
    byte[] encoded = KeyFile.loadOrCreate(whole).encoded();
    Path file = Files.write(dir.resolve("identity.key"), Arrays.copyOf(encoded, 10));

    assertThatThrownBy(() -> KeyFile.load(file))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("does not hold a libp2p private key")
        .hasMessageContaining("restore it from a backup");
  }

  @Test
  void aHugeFileIsNotReadAsAKey() throws IOException {
    Path file = Files.write(dir.resolve("identity.key"), new byte[17 * 1024]);

    assertThatThrownBy(() -> KeyFile.load(file))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("larger than 16384 bytes");
  }
}
