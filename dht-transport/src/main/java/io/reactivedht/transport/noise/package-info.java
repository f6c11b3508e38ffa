/**
 * The libp2p Noise secure channel ({@code /noise}, {@code Noise_XX_25519_ChaChaPoly_SHA256}):
 * {@link io.reactivedht.transport.noise.NoiseSecurity} runs the XX handshake over a raw {@link
 * io.reactivedht.transport.stream.ByteStream}, authenticates the remote's libp2p identity from the
 * signed handshake payload, and returns a {@link io.reactivedht.transport.noise.SecureChannel}
 * whose stream encrypts and decrypts the length-framed transport messages. The Noise machinery
 * itself (cipher, symmetric and handshake states, X25519) is package-private.
 */
@NullMarked
package io.reactivedht.transport.noise;

import org.jspecify.annotations.NullMarked;
