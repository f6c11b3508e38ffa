package io.reactivedht.cli;

import io.reactivedht.core.ipns.IpnsName;
import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.peer.PeerId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns the keys people type into the binary DHT keys (docs/WIRE.md: record keys and FIND_NODE
 * targets).
 */
final class RecordKeys {
  private static final byte[] PK = "/pk/".getBytes(StandardCharsets.US_ASCII);

  private RecordKeys() {}

  /**
   * A value record key: {@code /pk/<peer id>} becomes {@code "/pk/" || binary peer id}, {@code
   * /ipns/<name>} (a base36 CID or base58 peer id) becomes {@code "/ipns/" || binary peer id}.
   *
   * @throws CliException naming {@code argument} if it is neither
   */
  static byte[] recordKey(String text, String argument) {
    try {
      if (text.startsWith("/pk/")) {
        byte[] id = PeerId.parse(text.substring(4)).bytes();
        byte[] key = Arrays.copyOf(PK, PK.length + id.length);
        System.arraycopy(id, 0, key, PK.length, id.length);
        return key;
      }
      if (text.startsWith("/ipns/")) {
        return ipnsName(text.substring(6), argument).routingKey();
      }
    } catch (IllegalArgumentException e) {
      throw new CliException(argument, "'" + text + "': " + e.getMessage());
    }
    throw new CliException(argument, "'" + text + "': expected /pk/<peer id> or /ipns/<name>");
  }

  /** An IPNS name: {@code k51...}, {@code 12D3KooW...}, with or without {@code /ipns/}. */
  static IpnsName ipnsName(String text, String argument) {
    try {
      return IpnsName.parse(text.startsWith("/ipns/") ? text.substring(6) : text);
    } catch (IllegalArgumentException e) {
      throw new CliException(argument, "'" + text + "' is not an IPNS name: " + e.getMessage());
    }
  }

  /**
   * A FIND_NODE target: a record key ({@code /pk/...}, {@code /ipns/...}) in binary form, a peer id
   * as its binary id, a CID as its multihash (the provider key), anything else as its UTF-8 bytes.
   */
  static byte[] lookupKey(String text) {
    if (text.startsWith("/pk/") || text.startsWith("/ipns/")) {
      return recordKey(text, "KEY");
    }
    try {
      return PeerId.parse(text).bytes();
    } catch (IllegalArgumentException notPeerId) {
      // try the next form
    }
    try {
      return Cid.parse(text).providerKey();
    } catch (IllegalArgumentException notCid) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
  }
}
