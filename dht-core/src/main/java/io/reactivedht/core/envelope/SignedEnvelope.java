package io.reactivedht.core.envelope;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.core.crypto.PublicKey;
import io.reactivedht.core.crypto.pb.CryptoProto;
import io.reactivedht.core.envelope.pb.EnvelopeProto;
import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.multiformats.Varint;
import io.reactivedht.core.peer.PeerId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A signed envelope (libp2p RFC 0002): the signer's public key, a payload type, a payload and a
 * signature over {@code varint(len(domain)) || domain || varint(len(type)) || type ||
 * varint(len(payload)) || payload}. The domain is not sent; the receiver supplies the one it
 * expects, which is what {@link #open} checks. Immutable; arrays are copied in and out.
 *
 * <p>An envelope only proves who signed what for which domain. What the payload must be is up to
 * its type: a peer record, for example, must have payload type {@code 03 01} and name the
 * envelope's signer as its peer, which {@link PeerRecord#fromEnvelope} checks.
 */
public final class SignedEnvelope {
  /**
   * The longest encoding {@link #decode} reads: far above what Identify (8 KiB messages) can carry.
   */
  public static final int MAX_ENCODED_BYTES = 64 * 1024;

  private final PublicKey publicKey;
  private final byte[] payloadType;
  private final byte[] payload;
  private final byte[] signature;

  private SignedEnvelope(
      PublicKey publicKey, byte[] payloadType, byte[] payload, byte[] signature) {
    this.publicKey = publicKey;
    this.payloadType = payloadType;
    this.payload = payload;
    this.signature = signature;
  }

  /**
   * Signs a payload for a domain.
   *
   * @param key the signer's private key; its public key goes into the envelope
   * @param domain the domain to sign for, e.g. {@value PeerRecord#DOMAIN}; signed in UTF-8, never
   *     sent
   * @param payloadType the payload type, e.g. {@code 03 01}; copied
   * @param payload the payload; copied
   * @return the envelope
   * @throws IllegalArgumentException if the domain or the payload type is empty (go refuses both)
   */
  public static SignedEnvelope seal(
      PrivateKey key, String domain, byte[] payloadType, byte[] payload) {
    requireDomain(domain);
    if (payloadType.length == 0) {
      throw new IllegalArgumentException("envelope: empty payload type");
    }
    byte[] type = payloadType.clone();
    byte[] body = payload.clone();
    return new SignedEnvelope(
        key.publicKey(), type, body, key.sign(signedData(domain, type, body)));
  }

  /**
   * Decodes an envelope without checking its signature; see {@link #open}.
   *
   * @param bytes the envelope protobuf
   * @return the envelope, whose signature is not yet checked
   * @throws DecodingException if it is longer than {@link #MAX_ENCODED_BYTES}, malformed, or its
   *     key is missing or not a valid libp2p public key
   */
  public static SignedEnvelope decode(byte[] bytes) {
    if (bytes.length > MAX_ENCODED_BYTES) {
      throw new DecodingException(
          "envelope: " + bytes.length + " bytes exceed " + MAX_ENCODED_BYTES);
    }
    EnvelopeProto.Envelope pb;
    try {
      pb = EnvelopeProto.Envelope.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new DecodingException("envelope: " + e.getMessage(), e);
    }
    if (!pb.hasPublicKey()) {
      throw new DecodingException("envelope: missing public key");
    }
    return new SignedEnvelope(
        PublicKey.decode(pb.getPublicKey().toByteArray()),
        pb.getPayloadType().toByteArray(),
        pb.getPayload().toByteArray(),
        pb.getSignature().toByteArray());
  }

  /**
   * Decodes an envelope and checks that its signature verifies for {@code expectedDomain}.
   *
   * @param bytes the envelope protobuf
   * @param expectedDomain the domain the receiver expects; not empty (else {@link
   *     IllegalArgumentException})
   * @return the envelope, with a verified signature
   * @throws InvalidEnvelopeException if the signature does not verify for that domain
   * @throws DecodingException if the bytes are not an envelope (see {@link #decode})
   */
  public static SignedEnvelope open(byte[] bytes, String expectedDomain) {
    requireDomain(expectedDomain);
    SignedEnvelope envelope = decode(bytes);
    if (!envelope.isValidFor(expectedDomain)) {
      throw new InvalidEnvelopeException(
          "envelope: signature is not valid for domain \""
              + expectedDomain
              + "\" and key "
              + envelope.signer());
    }
    return envelope;
  }

  /**
   * Whether the signature verifies with the envelope's key for {@code domain}.
   *
   * @param domain the domain the receiver expects
   * @return {@code true} if valid; {@code false} for a bad or malformed signature, never throws
   */
  public boolean isValidFor(String domain) {
    return publicKey.verify(signedData(domain, payloadType, payload), signature);
  }

  /**
   * The protobuf encoding (proto3: empty fields are left out), as go and js write it.
   *
   * @return a new array holding the protobuf, which {@link #decode} reads back
   */
  public byte[] encode() {
    CryptoProto.PublicKey key =
        CryptoProto.PublicKey.newBuilder()
            .setType(CryptoProto.KeyType.forNumber(publicKey.type().number()))
            .setData(ByteString.copyFrom(publicKey.raw()))
            .build();
    return EnvelopeProto.Envelope.newBuilder()
        .setPublicKey(key)
        .setPayloadType(ByteString.copyFrom(payloadType))
        .setPayload(ByteString.copyFrom(payload))
        .setSignature(ByteString.copyFrom(signature))
        .build()
        .toByteArray();
  }

  /**
   * The signer's public key.
   *
   * @return the key the signature is checked with
   */
  public PublicKey publicKey() {
    return publicKey;
  }

  /**
   * The signer's peer id, derived from {@link #publicKey()}.
   *
   * @return the peer id, computed on each call
   */
  public PeerId signer() {
    return PeerId.fromPublicKey(publicKey);
  }

  /**
   * The payload type, e.g. {@code 03 01} for a peer record.
   *
   * @return a copy of the payload type
   */
  public byte[] payloadType() {
    return payloadType.clone();
  }

  /**
   * The payload.
   *
   * @return a copy of the payload; may be empty
   */
  public byte[] payload() {
    return payload.clone();
  }

  /**
   * The signature over the domain, payload type and payload.
   *
   * @return a copy of the signature
   */
  public byte[] signature() {
    return signature.clone();
  }

  /**
   * The bytes that are signed: each of domain, payload type and payload prefixed with its varint
   * length.
   */
  static byte[] signedData(String domain, byte[] payloadType, byte[] payload) {
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(domain.length() + payloadType.length + payload.length + 12);
    for (byte[] field :
        new byte[][] {domain.getBytes(StandardCharsets.UTF_8), payloadType, payload}) {
      Varint.write(field.length, out);
      out.writeBytes(field);
    }
    return out.toByteArray();
  }

  private static void requireDomain(String domain) {
    if (domain.isEmpty()) {
      throw new IllegalArgumentException("envelope: empty domain");
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof SignedEnvelope other
        && publicKey.equals(other.publicKey)
        && Arrays.equals(payloadType, other.payloadType)
        && Arrays.equals(payload, other.payload)
        && Arrays.equals(signature, other.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        publicKey,
        Arrays.hashCode(payloadType),
        Arrays.hashCode(payload),
        Arrays.hashCode(signature));
  }

  @Override
  public String toString() {
    return "SignedEnvelope[signer="
        + signer()
        + ", payloadType="
        + HexFormat.of().formatHex(payloadType)
        + ", payload="
        + payload.length
        + " bytes]";
  }
}
