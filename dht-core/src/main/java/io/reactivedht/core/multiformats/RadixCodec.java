package io.reactivedht.core.multiformats;

import java.util.Arrays;

/**
 * Big-number encodings in an arbitrary alphabet where each leading zero byte becomes one leading
 * zero digit: base58btc and base36 as multibase and peer ids use them. Quadratic in the input
 * length; inputs here are short (keys, CIDs), and decoders bound the length before decoding.
 */
final class RadixCodec {
  /** The longest text accepted; far above any CID, peer id or key. */
  static final int MAX_TEXT = 4096;

  private final String alphabet;
  private final int[] digits = new int[128];
  private final String name;

  RadixCodec(String name, String alphabet) {
    this.name = name;
    this.alphabet = alphabet;
    Arrays.fill(digits, -1);
    for (int i = 0; i < alphabet.length(); i++) {
      digits[alphabet.charAt(i)] = i;
    }
  }

  String encode(byte[] input) {
    int base = alphabet.length();
    int zeros = 0;
    while (zeros < input.length && input[zeros] == 0) {
      zeros++;
    }
    byte[] number = Arrays.copyOf(input, input.length);
    char[] out = new char[input.length * 2 + 1];
    int outPos = out.length;
    int start = zeros;
    while (start < number.length) {
      int remainder = 0;
      for (int i = start; i < number.length; i++) {
        int acc = (remainder << 8) | (number[i] & 0xFF);
        number[i] = (byte) (acc / base);
        remainder = acc % base;
      }
      out[--outPos] = alphabet.charAt(remainder);
      while (start < number.length && number[start] == 0) {
        start++;
      }
    }
    for (int i = 0; i < zeros; i++) {
      out[--outPos] = alphabet.charAt(0);
    }
    return new String(out, outPos, out.length - outPos);
  }

  byte[] decode(String text) {
    if (text.length() > MAX_TEXT) {
      throw new DecodingException(name + ": text longer than " + MAX_TEXT + " characters");
    }
    int base = alphabet.length();
    int zeros = 0;
    while (zeros < text.length() && text.charAt(zeros) == alphabet.charAt(0)) {
      zeros++;
    }
    byte[] number = new byte[text.length()];
    int length = 0; // significant bytes, stored little-endian in number[0..length)
    for (int i = zeros; i < text.length(); i++) {
      char c = text.charAt(i);
      int digit = c < 128 ? digits[c] : -1;
      if (digit < 0) {
        throw new DecodingException(name + ": invalid character '" + c + "' at " + i);
      }
      int carry = digit;
      for (int j = 0; j < length; j++) {
        carry += (number[j] & 0xFF) * base;
        number[j] = (byte) carry;
        carry >>>= 8;
      }
      while (carry > 0) {
        number[length++] = (byte) carry;
        carry >>>= 8;
      }
    }
    byte[] out = new byte[zeros + length];
    for (int j = 0; j < length; j++) {
      out[out.length - 1 - j] = number[j];
    }
    return out;
  }
}
