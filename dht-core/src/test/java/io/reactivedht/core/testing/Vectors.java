package io.reactivedht.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Loads the JSON test vectors made with the js-libp2p/IPFS libraries ({@code
 * src/test/resources/vectors}, a copy of {@code shared/vectors}; see its README for the fields).
 */
public final class Vectors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Vectors() {}

  /** The whole file, e.g. {@code load("peer-ids.json")}. */
  public static JsonNode load(String file) {
    try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + file)) {
      if (in == null) {
        throw new IllegalStateException("missing test vector file " + file);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The elements of array {@code member} of a file, for {@code @MethodSource} (each case as a
   * JsonNode).
   */
  public static List<JsonNode> cases(String file, String member) {
    List<JsonNode> out = new ArrayList<>();
    load(file).get(member).forEach(out::add);
    if (out.isEmpty()) {
      throw new IllegalStateException(file + " has no " + member);
    }
    return out;
  }

  /** Decodes a lowercase hex string ("" is zero bytes). */
  public static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  /** Decodes the hex text of a JSON field. */
  public static byte[] hex(JsonNode node) {
    return hex(node.asText());
  }

  /** Encodes bytes as lowercase hex. */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
