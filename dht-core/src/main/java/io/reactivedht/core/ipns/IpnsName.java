package io.reactivedht.core.ipns;

import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.multiformats.Multibase;
import io.reactivedht.core.peer.PeerId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An IPNS name: the peer id of the key that signs its records. The DHT stores its records under the
 * {@linkplain #routingKey() routing key} {@code "/ipns/" || binary peer id}; people see it as a
 * base36 CIDv1 ({@code k51...}).
 *
 * @param peerId the peer id of the signing key
 */
public record IpnsName(PeerId peerId) {
  private static final byte[] PREFIX = "/ipns/".getBytes(StandardCharsets.US_ASCII);

  /**
   * Checks the argument.
   *
   * @param peerId the peer id of the signing key; not null
   */
  public IpnsName {
    Objects.requireNonNull(peerId, "peerId");
  }

  /**
   * The name whose routing key this is.
   *
   * @param key the DHT key, as {@link #routingKey()} returns it; not retained
   * @return the name
   * @throws DecodingException if {@code key} is not {@code /ipns/} followed by a binary peer id (an
   *     identity multihash of a decodable key, or a sha2-256 multihash)
   */
  public static IpnsName fromRoutingKey(byte[] key) {
    if (key.length < PREFIX.length
        || !Arrays.equals(key, 0, PREFIX.length, PREFIX, 0, PREFIX.length)) {
      throw new DecodingException("ipns: key does not start with /ipns/");
    }
    try {
      return new IpnsName(PeerId.fromBytes(Arrays.copyOfRange(key, PREFIX.length, key.length)));
    } catch (DecodingException e) {
      throw new DecodingException("ipns: key is not /ipns/ and a peer id: " + e.getMessage(), e);
    }
  }

  /**
   * Parses the text forms: a base36 (or other multibase) {@code libp2p-key} CIDv1, or a base58btc
   * peer id.
   *
   * @param text the name text, e.g. {@code k51...} or {@code 12D3KooW...}
   * @return the name
   * @throws DecodingException if it is none of them
   */
  public static IpnsName parse(String text) {
    return new IpnsName(PeerId.parse(text));
  }

  /**
   * The DHT key: {@code "/ipns/" || peerId.bytes()}.
   *
   * @return a new array holding the key
   */
  public byte[] routingKey() {
    byte[] id = peerId.bytes();
    byte[] key = Arrays.copyOf(PREFIX, PREFIX.length + id.length);
    System.arraycopy(id, 0, key, PREFIX.length, id.length);
    return key;
  }

  /** The base36 CIDv1 form, {@code k51...} for Ed25519 names. */
  @Override
  public String toString() {
    return peerId.toCidString(Multibase.BASE36);
  }
}
