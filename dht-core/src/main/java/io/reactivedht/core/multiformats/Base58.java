package io.reactivedht.core.multiformats;

/**
 * Bitcoin's base58 alphabet, as bare peer ids ({@code 12D3KooW...}, {@code Qm...}) and CIDv0 use
 * it.
 */
public final class Base58 {
  private static final RadixCodec CODEC =
      new RadixCodec("base58btc", "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz");

  private Base58() {}

  /**
   * Encodes bytes; each leading zero byte becomes a leading {@code 1}.
   *
   * @param bytes the bytes to encode; not modified
   * @return the base58btc text, without a multibase prefix; empty for no bytes
   */
  public static String encode(byte[] bytes) {
    return CODEC.encode(bytes);
  }

  /**
   * Decodes base58btc text.
   *
   * @param text the base58btc text, without a multibase prefix; at most 4096 characters
   * @return the decoded bytes; empty for empty text
   * @throws DecodingException on a character outside the alphabet or a text that is too long
   */
  public static byte[] decode(String text) {
    return CODEC.decode(text);
  }
}
