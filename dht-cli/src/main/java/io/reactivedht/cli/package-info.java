/**
 * The {@code dht} command (picocli): {@code daemon} runs a node, {@code demo} shows every operation
 * on a local swarm over TCP, {@code simulate} runs the in-memory simulation, and the one-shots
 * ({@code find-providers}, {@code provide}, {@code find-peer}, {@code closest-peers}, {@code get},
 * {@code put}, {@code ipns}) join through {@code --bootstrap} as a client, do one thing and exit.
 * Output is human by default and one JSON object per line with {@code --json}; errors are one line
 * on stderr with a non-zero exit.
 */
@NullMarked
package io.reactivedht.cli;

import org.jspecify.annotations.NullMarked;
