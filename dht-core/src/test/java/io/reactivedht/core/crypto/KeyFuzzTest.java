package io.reactivedht.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.testing.Vectors;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes the key decoders: the libp2p PublicKey/PrivateKey protobufs ({@link PublicKey#decode},
 * {@link PrivateKey#decode}) and, directly, the raw key forms inside them: DER SubjectPublicKeyInfo
 * (RSA, ECDSA), PKCS#1 and SEC1 private keys, compressed secp256k1 points and Ed25519 bytes; plus
 * the DER ECDSA and RSA signatures that {@link PublicKey#verify} reads. Any input either decodes or
 * throws {@link DecodingException} ({@code verify} returns false instead); a decoded key re-encodes
 * to a key that decodes to an equal one. Regression inputs: {@code KeyFuzzTestInputs/<method>/}.
 */
class KeyFuzzTest {
  private static final byte[] MESSAGE = {'f', 'u', 'z', 'z'};

  /** One public key of each type, from the pinned vectors' private keys. */
  private static final List<PublicKey> KEYS = new ArrayList<>();

  static {
    for (var c : Vectors.cases("peer-ids.json", "cases")) {
      PublicKey key = PrivateKey.decode(Vectors.hex(c.get("privateKeyProtobuf"))).publicKey();
      if (KEYS.stream().noneMatch(k -> k.type() == key.type())) {
        KEYS.add(key);
      }
    }
    assertThat(KEYS).hasSize(KeyType.values().length);
  }

  @FuzzTest
  void publicKeyProtobuf(byte[] data) {
    PublicKey key;
    try {
      key = PublicKey.decode(data);
    } catch (DecodingException expected) {
      return;
    }
    assertThat(PublicKey.decode(key.encoded())).isEqualTo(key);
    key.verify(MESSAGE, data);
  }

  @FuzzTest
  void privateKeyProtobuf(byte[] data) {
    PrivateKey key;
    try {
      key = PrivateKey.decode(data);
    } catch (DecodingException expected) {
      return;
    }
    assertPrivateRoundTrips(key);
  }

  @FuzzTest
  void rsaPublicKey(byte[] data) {
    RsaPublicKey key;
    try {
      key = RsaPublicKey.fromRaw(data);
    } catch (DecodingException expected) {
      return;
    }
    assertThat(key.raw()).isEqualTo(data); // canonical DER only
    assertThat(RsaPublicKey.fromRaw(key.raw())).isEqualTo(key);
  }

  @FuzzTest
  void rsaPrivateKey(byte[] data) {
    RsaPrivateKey key;
    try {
      key = RsaPrivateKey.fromRaw(data);
    } catch (DecodingException expected) {
      return;
    }
    assertPrivateRoundTrips(key);
  }

  @FuzzTest
  void ecdsaPublicKey(byte[] data) {
    EcdsaPublicKey key;
    try {
      key = EcdsaPublicKey.fromRaw(data);
    } catch (DecodingException expected) {
      return;
    }
    assertThat(key.raw()).isEqualTo(data); // canonical DER only
    assertThat(EcdsaPublicKey.fromRaw(key.raw())).isEqualTo(key);
  }

  @FuzzTest
  void ecdsaPrivateKey(byte[] data) {
    EcdsaPrivateKey key;
    try {
      key = EcdsaPrivateKey.fromRaw(data);
    } catch (DecodingException expected) {
      return;
    }
    assertPrivateRoundTrips(key);
  }

  /** The fixed-size raw forms: Ed25519 public/private and secp256k1 public/private. */
  @FuzzTest
  void fixedSizeKeys(byte[] data) {
    try {
      assertThat(Ed25519PublicKey.fromRaw(data).raw()).isEqualTo(data);
    } catch (DecodingException expected) {
      // not a 32-byte key
    }
    try {
      assertPrivateRoundTrips(Ed25519PrivateKey.fromRaw(data));
    } catch (DecodingException expected) {
      // not 64 or 96 bytes, or the embedded public key does not match
    }
    try {
      Secp256k1PublicKey key = Secp256k1PublicKey.fromRaw(data);
      assertThat(key.raw()).isEqualTo(data);
      assertThat(Secp256k1PublicKey.fromRaw(key.raw())).isEqualTo(key);
    } catch (DecodingException expected) {
      // not a compressed point on the curve
    }
    try {
      assertPrivateRoundTrips(Secp256k1PrivateKey.fromRaw(data));
    } catch (DecodingException expected) {
      // not a 32-byte scalar in range
    }
  }

  /** Signatures come from the network too: {@code verify} reads them and never throws. */
  @FuzzTest
  void signatures(byte[] data) {
    for (PublicKey key : KEYS) {
      key.verify(MESSAGE, data);
    }
  }

  private static void assertPrivateRoundTrips(PrivateKey key) {
    PrivateKey again = PrivateKey.decode(key.encoded());
    assertThat(again.publicKey()).isEqualTo(key.publicKey());
    assertThat(again.encoded()).isEqualTo(key.encoded());
  }
}
