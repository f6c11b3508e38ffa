/**
 * Loopback benchmarks of the full libp2p stack (not tests: they report figures and assert nothing).
 * Run with the {@code bench} profile; see the README for the command and the last figures.
 */
@NullMarked
package io.reactivedht.transport.bench;

import org.jspecify.annotations.NullMarked;
