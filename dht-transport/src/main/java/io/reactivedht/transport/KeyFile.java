package io.reactivedht.transport;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.core.multiformats.DecodingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * A node identity on disk: the libp2p {@code PrivateKey} protobuf, as go-ipfs and js-libp2p store
 * it. A new file is written whole or not at all: the key goes to a temporary file that is readable
 * by the owner only from its creation, is synced, and is then renamed into place, so a crash never
 * leaves a partial key or a moment in which others could read it.
 */
public final class KeyFile {
  private static final long MAX_BYTES = 16 * 1024;
  private static final String WHAT_TO_DO =
      "restore it from a backup, or delete it to start with a new identity (a new peer id)";

  private KeyFile() {}

  /**
   * Reads the key in {@code file}, or creates the file with a new Ed25519 key (readable by the
   * owner only where the file system has POSIX permissions).
   *
   * @param file where the key is kept; missing parent directories are created
   * @return the key the file holds, or the new one written to it
   * @throws DecodingException if the file is empty or does not hold a libp2p private key; the
   *     message says what to do
   * @throws UncheckedIOException if the file cannot be read or written
   */
  public static PrivateKey loadOrCreate(Path file) {
    if (Files.exists(file)) {
      return load(file);
    }
    PrivateKey key = Ed25519PrivateKey.generate(new SecureRandom());
    Path dir = file.toAbsolutePath().getParent();
    if (dir == null) {
      throw new IllegalArgumentException("key file " + file + ": not a file name");
    }
    try {
      Files.createDirectories(dir);
      writeNew(dir, file, key.encoded());
      return key;
    } catch (FileAlreadyExistsException createdMeanwhile) {
      return load(file);
    } catch (IOException e) {
      throw new UncheckedIOException("key file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads the key in {@code file}; see {@link #loadOrCreate}.
   *
   * @param file an existing key file of at most 16 KiB
   * @return the key the file holds: Ed25519, secp256k1, ECDSA or RSA
   * @throws DecodingException if the file is empty, too large or not a libp2p private key; the
   *     message says what to do
   * @throws UncheckedIOException if the file cannot be read
   */
  public static PrivateKey load(Path file) {
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size == 0) {
        throw new DecodingException(
            "key file "
                + file
                + " is empty (left by a crash while it was written?): "
                + WHAT_TO_DO);
      }
      if (size > MAX_BYTES) {
        throw new DecodingException(
            "key file "
                + file
                + " is larger than "
                + MAX_BYTES
                + " bytes, so not a key: "
                + WHAT_TO_DO);
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("key file " + file + ": " + e.getMessage(), e);
    }
    try {
      return PrivateKey.decode(bytes);
    } catch (DecodingException e) {
      throw new DecodingException(
          "key file "
              + file
              + " does not hold a libp2p private key ("
              + e.getMessage()
              + "): "
              + WHAT_TO_DO,
          e);
    }
  }

  /** Writes {@code bytes} to a new {@code file} in {@code dir}, whole or not at all. */
  private static void writeNew(Path dir, Path file, byte[] bytes) throws IOException {
    Path temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp", ownerOnly());
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      // Without REPLACE_EXISTING: a file another process created meanwhile is kept, not
      // overwritten.
      Files.move(temp, file);
    } finally {
      Files.deleteIfExists(temp);
    }
    syncDirectory(dir);
  }

  private static FileAttribute<?>[] ownerOnly() {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[] {
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
      };
    }
    return new FileAttribute<?>[0];
  }

  /** Makes the rename durable where the platform lets a directory be synced (Linux does). */
  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException notSupported) {
      // best effort: the key is already synced; only the rename may be lost on power failure
    }
  }
}
