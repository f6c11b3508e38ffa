/** The 256-bit Kademlia keyspace: keys (SHA-256 of raw key bytes) and XOR distances. */
@NullMarked
package io.reactivedht.core.key;

import org.jspecify.annotations.NullMarked;
