/**
 * How the libp2p transport is set up: the host's identity, listen addresses and limits ({@link
 * io.reactivedht.transport.config.HostOptions}), the connection budget ({@link
 * io.reactivedht.transport.config.ConnectionLimits}), the yamux session limits ({@link
 * io.reactivedht.transport.config.YamuxConfig}) and the AutoNAT service ({@link
 * io.reactivedht.transport.config.AutoNatOptions}). Immutable records with defaults; the layers
 * that read them depend on this package, never the other way round.
 */
@NullMarked
package io.reactivedht.transport.config;

import org.jspecify.annotations.NullMarked;
