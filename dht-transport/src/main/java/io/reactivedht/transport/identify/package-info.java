/**
 * The libp2p Identify protocols, {@code /ipfs/id/1.0.0} and {@code /ipfs/id/push/1.0.0} (WIRE §9):
 * {@link io.reactivedht.transport.identify.Identify} runs them on a negotiated stream, {@link
 * io.reactivedht.transport.identify.IdentifyCodec} converts the protobuf (in the generated {@code
 * pb} package) to and from an {@link io.reactivedht.transport.identify.IdentifyInfo}, checking that
 * the key and the signed peer record belong to the authenticated remote, and rejections are {@link
 * io.reactivedht.transport.identify.IdentifyException}s naming their reason.
 */
@NullMarked
package io.reactivedht.transport.identify;

import org.jspecify.annotations.NullMarked;
