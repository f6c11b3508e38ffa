package io.reactivedht.core.multiformats;

import java.util.Base64;
import java.util.Locale;

/**
 * Self-describing base encodings: one prefix character, then the text. Supports the bases that CIDs
 * and peer ids appear in: base32 (lower {@code b} and upper {@code B}, RFC 4648 without padding),
 * base36 ({@code k}), base58btc ({@code z}), base16 ({@code f}/{@code F}), base64 ({@code m}) and
 * base64url ({@code u}).
 */
public enum Multibase {
  /** Lowercase hexadecimal, prefix {@code f}. */
  BASE16('f'),
  /** Uppercase hexadecimal, prefix {@code F}. */
  BASE16_UPPER('F'),
  /** Lowercase RFC 4648 base32 without padding, prefix {@code b}. */
  BASE32('b'),
  /** Uppercase RFC 4648 base32 without padding, prefix {@code B}. */
  BASE32_UPPER('B'),
  /** Lowercase base36 ({@code 0-9a-z}), prefix {@code k}. */
  BASE36('k'),
  /** Bitcoin's base58 alphabet, as in {@link Base58}, prefix {@code z}. */
  BASE58_BTC('z'),
  /** RFC 4648 base64 without padding, prefix {@code m}. */
  BASE64('m'),
  /** RFC 4648 URL-safe base64 without padding, prefix {@code u}. */
  BASE64_URL('u');

  private static final String BASE32_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
  private static final RadixCodec BASE36_CODEC =
      new RadixCodec("base36", "0123456789abcdefghijklmnopqrstuvwxyz");

  private final char prefix;

  Multibase(char prefix) {
    this.prefix = prefix;
  }

  /**
   * The prefix character.
   *
   * @return the character that starts text in this base, e.g. {@code 'b'}
   */
  public char prefix() {
    return prefix;
  }

  /**
   * The base for a prefix character.
   *
   * @param prefix the first character of multibase text; case matters
   * @return the base
   * @throws DecodingException for an unsupported prefix
   */
  public static Multibase forPrefix(char prefix) {
    for (Multibase base : values()) {
      if (base.prefix == prefix) {
        return base;
      }
    }
    throw new DecodingException("multibase: unsupported prefix '" + prefix + "'");
  }

  /**
   * Encodes with the prefix.
   *
   * @param bytes the bytes to encode
   * @return the prefix character followed by the encoded text
   */
  public String encode(byte[] bytes) {
    return prefix + encodeBare(bytes);
  }

  /**
   * Encodes without the prefix.
   *
   * @param bytes the bytes to encode
   * @return the encoded text; empty for no bytes
   */
  public String encodeBare(byte[] bytes) {
    return switch (this) {
      case BASE16 -> hex(bytes);
      case BASE16_UPPER -> hex(bytes).toUpperCase(Locale.ROOT);
      case BASE32 -> base32(bytes);
      case BASE32_UPPER -> base32(bytes).toUpperCase(Locale.ROOT);
      case BASE36 -> BASE36_CODEC.encode(bytes);
      case BASE58_BTC -> Base58.encode(bytes);
      case BASE64 -> Base64.getEncoder().withoutPadding().encodeToString(bytes);
      case BASE64_URL -> Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    };
  }

  /**
   * Decodes prefixed multibase text.
   *
   * @param text the prefix character followed by the encoded text
   * @return the decoded bytes
   * @throws DecodingException if empty, unsupported or malformed
   */
  public static byte[] decode(String text) {
    if (text.isEmpty()) {
      throw new DecodingException("multibase: empty string");
    }
    return forPrefix(text.charAt(0)).decodeBare(text.substring(1));
  }

  /**
   * Decodes text in this base, without a prefix.
   *
   * @param text the encoded text, at most 4096 characters; letter case must match this base, and
   *     non-zero trailing bits are rejected
   * @return the decoded bytes; empty for empty text
   */
  public byte[] decodeBare(String text) {
    if (text.length() > RadixCodec.MAX_TEXT) {
      throw new DecodingException(
          "multibase: text longer than " + RadixCodec.MAX_TEXT + " characters");
    }
    return switch (this) {
      case BASE16 -> unhex(text, false);
      case BASE16_UPPER -> unhex(text, true);
      case BASE32 -> unbase32(text, false);
      case BASE32_UPPER -> unbase32(text, true);
      case BASE36 -> BASE36_CODEC.decode(text);
      case BASE58_BTC -> Base58.decode(text);
      case BASE64 -> unbase64(text, Base64.getDecoder(), '+', '/');
      case BASE64_URL -> unbase64(text, Base64.getUrlDecoder(), '-', '_');
    };
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    return sb.toString();
  }

  private static byte[] unhex(String text, boolean upper) {
    if (text.length() % 2 != 0) {
      throw new DecodingException("base16: odd length");
    }
    byte[] out = new byte[text.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] =
          (byte)
              ((hexDigit(text.charAt(2 * i), upper) << 4)
                  | hexDigit(text.charAt(2 * i + 1), upper));
    }
    return out;
  }

  private static int hexDigit(char c, boolean upper) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    char a = upper ? 'A' : 'a';
    if (c >= a && c < a + 6) {
      return c - a + 10;
    }
    throw new DecodingException("base16: invalid character '" + c + "'");
  }

  private static String base32(byte[] bytes) {
    StringBuilder sb = new StringBuilder((bytes.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xFF);
      bits += 8;
      while (bits >= 5) {
        sb.append(BASE32_ALPHABET.charAt((buffer >>> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      sb.append(BASE32_ALPHABET.charAt((buffer << (5 - bits)) & 31));
    }
    return sb.toString();
  }

  private static byte[] unbase32(String text, boolean upper) {
    int len = text.length();
    int rem = len % 8;
    if (rem == 1 || rem == 3 || rem == 6) {
      throw new DecodingException("base32: invalid length " + len);
    }
    byte[] out = new byte[len * 5 / 8];
    int buffer = 0;
    int bits = 0;
    int pos = 0;
    for (int i = 0; i < len; i++) {
      char c = text.charAt(i);
      // ASCII case only: Character.toLowerCase would also map e.g. U+0130 and U+212A to letters
      char lower = upper && c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
      int v = upper && c >= 'a' && c <= 'z' ? -1 : BASE32_ALPHABET.indexOf(lower);
      if (v < 0) {
        throw new DecodingException("base32: invalid character '" + c + "' at " + i);
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out[pos++] = (byte) (buffer >>> (bits - 8));
        bits -= 8;
      }
    }
    if ((buffer & ((1 << bits) - 1)) != 0) {
      throw new DecodingException("base32: non-zero trailing bits");
    }
    return out;
  }

  /**
   * Decodes unpadded base64 strictly: only alphabet characters, no length of 4n+1, and zero bits
   * after the last whole byte (so every byte string has exactly one encoding, as in js
   * multiformats).
   */
  private static byte[] unbase64(String text, Base64.Decoder decoder, char c62, char c63) {
    int last = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      last = sextet(c, c62, c63);
      if (last < 0) {
        throw new DecodingException("base64: invalid character '" + c + "' at " + i);
      }
    }
    int rem = text.length() % 4;
    if (rem == 1) {
      throw new DecodingException("base64: invalid length " + text.length());
    }
    int unusedBits = rem == 2 ? 0x0F : rem == 3 ? 0x03 : 0;
    if ((last & unusedBits) != 0) {
      throw new DecodingException("base64: non-zero trailing bits");
    }
    return decoder.decode(text);
  }

  /** The value of a base64 character, or -1. */
  private static int sextet(char c, char c62, char c63) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    return c == c62 ? 62 : c == c63 ? 63 : -1;
  }
}
