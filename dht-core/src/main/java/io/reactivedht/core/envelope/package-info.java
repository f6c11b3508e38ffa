/**
 * Signed envelopes (libp2p RFC 0002): a typed payload signed by a libp2p key for a domain that is
 * never sent, so a signature made for one purpose cannot be replayed for another. Peer records (RFC
 * 0003, {@link io.reactivedht.core.envelope.PeerRecord}) travel in them, for example in Identify's
 * {@code signedPeerRecord}; the generated {@code pb} classes hold the envelope and peer record
 * schemas.
 */
@NullMarked
package io.reactivedht.core.envelope;

import org.jspecify.annotations.NullMarked;
