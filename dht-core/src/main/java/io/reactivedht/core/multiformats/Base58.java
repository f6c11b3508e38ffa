package io.reactivedht.core.multiformats;

/**
 * Bitcoin's base58 alphabet, as bare peer ids ({@code 12D3KooW...}, {@code Qm...}) and CIDv0 use
 * it.
 */
public final class Base58 {
  private static final RadixCodec CODEC =
      new RadixCodec("base58btc", "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz");

  private Base58() {}

  /** Encodes bytes; each leading zero byte becomes a leading {@code 1}. */
  public static String encode(byte[] bytes) {
    return CODEC.encode(bytes);
  }

  /** Decodes base58btc text. @throws DecodingException on a character outside the alphabet */
  public static byte[] decode(String text) {
    return CODEC.decode(text);
  }
}
