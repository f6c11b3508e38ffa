/**
 * The Kademlia routing table: 256 k-buckets indexed by the common prefix length with the local key,
 * each in least-recently-seen order with a bounded replacement cache. Inserts return what the
 * caller must do next (ping the oldest entry of a full bucket, then report back); closest-peer
 * queries are exact; per-bucket refresh times and random refresh keys support the periodic refresh
 * job. Pure and single-threaded: time comes in as {@code now}.
 */
@NullMarked
package io.reactivedht.core.routing;

import org.jspecify.annotations.NullMarked;
