/**
 * A libp2p host: an identity, TCP listeners, the connection manager, the peer store and the
 * protocols every node runs (identify, identify push, ping). Other protocols (the DHT) register a
 * handler and open streams through it. Identify is how the host learns who a connected peer is and
 * which protocols it serves; what it learns is published as {@link
 * io.reactivedht.transport.host.HostEvent}s.
 */
@NullMarked
package io.reactivedht.transport.host;

import org.jspecify.annotations.NullMarked;
