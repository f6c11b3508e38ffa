package io.reactivedht.core.crypto;

import io.reactivedht.core.multiformats.DecodingException;
import java.io.IOException;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;

/**
 * DER input through BouncyCastle's ASN.1 classes, made safe for hostile bytes: the TLV structure is
 * checked first without recursion (definite lengths that fit, nesting at most {@link #MAX_DEPTH}
 * deep, since BouncyCastle's parser recurses per level), and every parse failure becomes a {@link
 * DecodingException}.
 */
final class Der {
  /** Far deeper than any key or signature structure (SEC1 keys nest 3 levels). */
  static final int MAX_DEPTH = 8;

  private Der() {}

  /** Reads an ASN.1 structure from a primitive; may throw anything on a malformed one. */
  @FunctionalInterface
  interface Reader<T> {
    T read(ASN1Primitive primitive) throws IOException;
  }

  /** Parses one DER/BER element spanning all of {@code der} and reads it. */
  static <T> T parse(byte[] der, String what, Reader<T> reader) {
    checkShape(der, what);
    try {
      T value = reader.read(ASN1Primitive.fromByteArray(der));
      if (value == null) {
        throw new DecodingException(what + ": no DER value");
      }
      return value;
    } catch (DecodingException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new DecodingException(what + ": malformed DER (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Like {@link #parse}, and also requires {@code der} to be exactly the DER encoding of what was
   * read.
   */
  static <T extends ASN1Encodable> T parseCanonical(byte[] der, String what, Reader<T> reader) {
    T value = parse(der, what, reader);
    if (!Arrays.equals(encode(value), der)) {
      throw new DecodingException(what + ": not in canonical DER form");
    }
    return value;
  }

  /** The DER encoding of a value. */
  static byte[] encode(ASN1Encodable value) {
    try {
      return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("DER encoding failed", e);
    }
  }

  /**
   * Walks the TLV tree iteratively: low tag numbers, definite lengths inside their parent, bounded
   * nesting.
   */
  static void checkShape(byte[] der, String what) {
    if (der.length == 0) {
      throw new DecodingException(what + ": empty DER");
    }
    int[] ends = new int[MAX_DEPTH + 1];
    ends[0] = der.length;
    int depth = 0;
    int pos = 0;
    while (pos < der.length) {
      while (depth > 0 && pos == ends[depth]) {
        depth--;
      }
      int tag = der[pos++] & 0xFF;
      if ((tag & 0x1F) == 0x1F) {
        throw new DecodingException(what + ": unsupported high tag number");
      }
      if (pos >= ends[depth]) {
        throw new DecodingException(what + ": truncated DER length");
      }
      int first = der[pos++] & 0xFF;
      int length;
      if (first < 0x80) {
        length = first;
      } else {
        int count = first & 0x7F;
        if (count == 0 || count > 3) {
          throw new DecodingException(what + ": unsupported DER length form");
        }
        if (count > ends[depth] - pos) {
          throw new DecodingException(what + ": truncated DER length");
        }
        length = 0;
        for (int i = 0; i < count; i++) {
          length = (length << 8) | (der[pos++] & 0xFF);
        }
      }
      if (length > ends[depth] - pos) {
        throw new DecodingException(
            what
                + ": DER length "
                + length
                + " exceeds the "
                + (ends[depth] - pos)
                + " bytes left");
      }
      if ((tag & 0x20) != 0) {
        if (depth == MAX_DEPTH) {
          throw new DecodingException(what + ": DER nested deeper than " + MAX_DEPTH);
        }
        ends[++depth] = pos + length;
      } else {
        pos += length;
      }
    }
  }
}
