package io.reactivedht.transport;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.core.multiformats.DecodingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * A node identity on disk: the libp2p {@code PrivateKey} protobuf, as go-ipfs and js-libp2p store
 * it.
 */
public final class KeyFile {
  private static final long MAX_BYTES = 16 * 1024;

  private KeyFile() {}

  /**
   * Reads the key in {@code file}, or creates the file with a new Ed25519 key (readable by the
   * owner only).
   *
   * @throws DecodingException if the file does not hold a libp2p private key
   * @throws UncheckedIOException if the file cannot be read or written
   */
  public static PrivateKey loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        return load(file);
      }
      PrivateKey key = Ed25519PrivateKey.generate(new SecureRandom());
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.write(file, key.encoded(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // best effort on file systems without POSIX permissions
      }
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("key file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads the key in {@code file}; see {@link #loadOrCreate}. */
  public static PrivateKey load(Path file) {
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new DecodingException("key file " + file + ": larger than " + MAX_BYTES + " bytes");
      }
      return PrivateKey.decode(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("key file " + file + ": " + e.getMessage(), e);
    }
  }
}
