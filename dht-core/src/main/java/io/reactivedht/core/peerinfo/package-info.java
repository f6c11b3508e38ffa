/**
 * Where to reach a peer: {@link io.reactivedht.core.peerinfo.PeerInfo} pairs a peer id with the
 * multiaddrs it can be dialed at, as DHT messages carry them. It builds on both {@code core.peer}
 * and {@code core.multiaddr} (whose {@code /p2p} component holds a peer id), which is why it is a
 * package of its own.
 */
@NullMarked
package io.reactivedht.core.peerinfo;

import org.jspecify.annotations.NullMarked;
