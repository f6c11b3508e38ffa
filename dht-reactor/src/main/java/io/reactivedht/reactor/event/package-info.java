/**
 * What a DHT node reports while it works: {@link io.reactivedht.reactor.event.DhtEvent} covers
 * lookups, entry corrections, provider announcements, routing table changes and mode switches. The
 * operations and maintenance jobs emit them; {@code Dht.events()} publishes them.
 */
@NullMarked
package io.reactivedht.reactor.event;

import org.jspecify.annotations.NullMarked;
