package io.reactivedht.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.peer.PeerId;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input gets one line on stderr, {@code dht: <argument>: <reason>}, and a non-zero exit. */
class BadInputTest {
  private static final String PEER = "12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA";
  private static final String BOOTSTRAP = "/ip4/127.0.0.1/tcp/4001/p2p/" + PEER;
  private static final String CID = "bafkreihfg3d7rdltd43u3tfvncx7n5loqofbsobojcadtmokrljfthuc7y";

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unparsable CID          | find-providers --bootstrap "
            + BOOTSTRAP
            + " xyz        | dht: CID: 'xyz': CID: multibase: unsupported prefix 'x'",
        "unparsable multiaddr    | find-providers --bootstrap /ip9/1.2.3.4 "
            + CID
            + "     | dht: --bootstrap: '/ip9/1.2.3.4': ",
        "bootstrap without /p2p  | find-providers --bootstrap /ip4/127.0.0.1/tcp/1 "
            + CID
            + " | dht: --bootstrap: '/ip4/127.0.0.1/tcp/1': no /p2p/<peer id> at the end",
        "unparsable peer id      | find-peer --bootstrap "
            + BOOTSTRAP
            + " notapeer       | dht: PEERID: 'notapeer': ",
        "unparsable duration     | find-peer --timeout 3x --bootstrap "
            + BOOTSTRAP
            + " "
            + PEER
            + " | dht: --timeout: '3x' is not a duration",
        "zero duration           | find-peer --timeout 0s --bootstrap "
            + BOOTSTRAP
            + " "
            + PEER
            + " | dht: --timeout: '0s' is not a positive duration",
        "no bootstrap peer       | find-peer "
            + PEER
            + "                                 | dht: --bootstrap: missing: ",
        "bad --max               | find-providers --max 0 --bootstrap "
            + BOOTSTRAP
            + " "
            + CID
            + " | dht: --max: 0: must be at least 1",
        "bad mode                | daemon --mode sometimes                               | dht: --mode: ",
        "http without a port     | daemon --http 127.0.0.1                               | dht: --http: '127.0.0.1' is not HOST:PORT",
        "http beyond loopback    | daemon --http 0.0.0.0:0                               | dht: --http: 0.0.0.0 is not a loopback address, and the HTTP API has no authentication: give --http-public",
        "api that is no URL      | find-providers --api ftp://host "
            + CID
            + " | dht: --api: 'ftp://host' is not an http://HOST:PORT URL",
        "too few connections     | daemon --max-connections 3                            | dht: --max-connections: must be at least 8, got 3",
        "no memory               | daemon --memory-limit 0                               | dht: --memory-limit: must be at least 1, got 0",
        "negative request rate   | daemon --request-rate -1                              | dht: --request-rate: cannot be negative, got -1",
        "publish without a key   | ipns publish --bootstrap "
            + BOOTSTRAP
            + " /ipfs/"
            + CID
            + " | dht: --identity: missing: ",
        "too few demo nodes      | demo --nodes 3                                        | dht: --nodes: must be at least 8, got 3",
        "unknown command         | frobnicate                                            | dht: Unmatched argument at index 0: 'frobnicate'",
      })
  void aBadCommandLineExitsWithStatusTwo(String what, String args, String error) {
    Cli.Result result = Cli.run(args.trim().split("\\s+"));
    assertThat(result.exit()).as(result.toString()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).as(result.toString()).startsWith(error.trim());
    assertThat(result.err().lines().filter(l -> l.startsWith("dht: "))).hasSize(1);
  }

  @Test
  void aFileThatIsNoKeyIsRejectedNamingTheOption() throws IOException {
    Path garbage = dir.resolve("garbage.key");
    Files.writeString(garbage, "not a key\n");
    Cli.Result result =
        Cli.run("find-peer", "--identity", garbage.toString(), "--bootstrap", BOOTSTRAP, PEER);
    assertThat(result.exit()).as(result.toString()).isEqualTo(1);
    assertThat(result.err())
        .startsWith("dht: --identity: " + garbage + ": not a libp2p private key file (")
        .hasLineCount(1);
  }

  @Test
  void anUnreachableBootstrapPeerIsAOneLineError() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String peer =
        PeerId.fromPublicKey(Ed25519PrivateKey.generate(new SecureRandom()).publicKey()).toString();
    Cli.Result result =
        Cli.run(
            "find-peer",
            "--timeout",
            "20s",
            "--bootstrap",
            "/ip4/127.0.0.1/tcp/" + closedPort + "/p2p/" + peer,
            PEER);
    assertThat(result.exit()).as(result.toString()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .startsWith("dht: --bootstrap: no bootstrap peer answered (" + peer + ": ")
        .contains("Connection refused")
        .hasLineCount(1);
  }

  @Test
  void aKeyOutsideTheKnownNamespacesIsRejected() {
    Cli.Result result = Cli.run("get", "--bootstrap", BOOTSTRAP, "--timeout", "20s", "/foo/bar");
    assertThat(result.exit()).as(result.toString()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "dht: KEY: '/foo/bar': expected /pk/<peer id> or /ipns/<name>"
                + System.lineSeparator());
  }
}
