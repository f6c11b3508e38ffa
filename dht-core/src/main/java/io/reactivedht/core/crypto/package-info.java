/**
 * libp2p keys: the deterministic key protobufs, and signing and verification for Ed25519, RSA,
 * ECDSA and secp256k1.
 */
@NullMarked
package io.reactivedht.core.crypto;

import org.jspecify.annotations.NullMarked;
