/**
 * AutoNAT v1, {@code /libp2p/autonat/1.0.0} (libp2p/specs autonat): a node asks peers to dial it
 * back at its own addresses to learn whether it is publicly reachable. {@link
 * io.reactivedht.transport.autonat.AutoNatServer} answers such requests with a fresh, separate dial
 * to the asker (only at the IP its connection comes from), bounded in concurrency and rate; {@link
 * io.reactivedht.transport.autonat.AutoNatClient} asks connected peers and turns their answers into
 * a {@link io.reactivedht.transport.autonat.Reachability}.
 */
@NullMarked
package io.reactivedht.transport.autonat;

import org.jspecify.annotations.NullMarked;
