/**
 * Connections between two authenticated peers: the {@link
 * io.reactivedht.transport.connection.Upgrader} turns a TCP stream into a {@link
 * io.reactivedht.transport.connection.Libp2pConnection} (multistream-select, Noise,
 * multistream-select, yamux), inbound streams are dispatched to the {@link
 * io.reactivedht.transport.connection.ProtocolHandler} registered for the protocol they negotiate,
 * and the {@link io.reactivedht.transport.connection.ConnectionManager} keeps one connection per
 * peer: it merges concurrent dials, enforces the connection limit, closes idle connections and
 * shuts down gracefully.
 */
@NullMarked
package io.reactivedht.transport.connection;

import org.jspecify.annotations.NullMarked;
