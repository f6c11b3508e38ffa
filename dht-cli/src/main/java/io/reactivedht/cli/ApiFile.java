package io.reactivedht.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jspecify.annotations.Nullable;

/**
 * {@code DIR/api}: the HTTP base URL of the daemon running on datastore {@code DIR}, one line, as
 * Kubo keeps {@code $IPFS_PATH/api}. The daemon writes it when it is ready and removes it when it
 * stops cleanly; a one-shot given {@code --datastore DIR} reads it to run through the daemon. A
 * daemon killed without a chance to clean up leaves it behind: the one-shot then finds nobody
 * answering there and joins the network itself.
 */
final class ApiFile {
  static final String NAME = "api";

  private ApiFile() {}

  /** Writes {@code url} to {@code dir/api}, replacing it at once (never half written). */
  static void write(Path dir, String url) {
    Path file = dir.resolve(NAME);
    Path temp = dir.resolve(NAME + ".tmp");
    try {
      Files.writeString(temp, url + "\n", StandardCharsets.UTF_8);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new CliException("--datastore", file + ": cannot write the api file: " + e);
    }
  }

  /**
   * Removes {@code dir/api} if it still names {@code url} (another daemon may have taken the
   * datastore's place since); best effort.
   */
  static void delete(Path dir, String url) {
    Path file = dir.resolve(NAME);
    try {
      if (url.equals(Files.readString(file, StandardCharsets.UTF_8).strip())) {
        Files.delete(file);
      }
    } catch (IOException e) {
      // gone already, or unreadable: nothing to clean up that we could
    }
  }

  /**
   * The URL in {@code dir/api}, or null if there is none (no daemon runs on that datastore, or it
   * has not finished starting).
   *
   * @throws CliException naming {@code --datastore} if the file is unreadable or holds no URL
   */
  static @Nullable URI read(Path dir) {
    Path file = dir.resolve(NAME);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new CliException("--datastore", file + ": cannot read the api file: " + e);
    }
    try {
      return url(text);
    } catch (IllegalArgumentException e) {
      throw new CliException("--datastore", file + ": " + e.getMessage());
    }
  }

  /**
   * An {@code http://HOST:PORT} URL, without a trailing slash.
   *
   * @throws IllegalArgumentException if it is not one
   */
  static URI url(String text) {
    String trimmed = text.strip();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + text + "' is not a URL: " + e.getMessage(), e);
    }
    if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
      throw new IllegalArgumentException(
          "'" + text + "' is not an http://HOST:PORT URL, e.g. http://127.0.0.1:8080");
    }
    return uri;
  }
}
