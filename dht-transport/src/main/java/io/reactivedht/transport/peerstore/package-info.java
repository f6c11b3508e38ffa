/**
 * What the node knows about other peers' addresses: each address with its own expiry, in a Caffeine
 * cache bounded in peers, so remote input (identify, DHT responses) cannot grow it without limit.
 */
@NullMarked
package io.reactivedht.transport.peerstore;

import org.jspecify.annotations.NullMarked;
