/**
 * Interop tests against real js-libp2p nodes. {@link io.reactivedht.transport.interop.JsPeer} runs
 * {@code interop/js-peer/peer.mjs} (js-libp2p with kad-dht, noise, yamux, identify, ping on TCP) as
 * a child process and drives it with one JSON object a line. The Maven build installs the js peer's
 * pinned packages itself ({@code npm ci} in {@code generate-test-resources}, skipped with {@code
 * -DskipNpm} and whenever tests are skipped), so {@code mvn -B -ntp verify} on a clean clone runs
 * these tests; every test here is tagged {@code interop}.
 *
 * <p>Skipping policy: when {@code node} is not on the PATH or {@code interop/js-peer/node_modules}
 * is missing, the tests <em>fail</em> with a message saying what is missing when the environment
 * variable {@code CI} is {@code true}, and are <em>skipped</em> (a JUnit assumption) everywhere
 * else, so a developer without Node.js can still build (with {@code -DskipNpm}, since the install
 * step itself runs {@code node}). The js peer's directory comes from the system property {@code
 * interop.jsPeerDir}, which the dht-transport pom sets for Surefire; without it the tests look in
 * {@code ../interop/js-peer} relative to the working directory.
 */
@NullMarked
package io.reactivedht.transport.interop;

import org.jspecify.annotations.NullMarked;
