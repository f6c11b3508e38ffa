package io.reactivedht.core.routing;

import io.reactivedht.core.peer.PeerId;
import org.jspecify.annotations.Nullable;

/**
 * A peer left the routing table, and the replacement candidate (if any) that took its place. A
 * promoted candidate has not been heard from since it was cached; the caller may want to check it.
 *
 * @param removed the peer that left
 * @param promoted the candidate that entered the same bucket, or null when the replacement cache
 *     was empty
 */
public record Removal(PeerId removed, @Nullable PeerId promoted) {}
