package io.reactivedht.examples.embedded;

// The README ("Testing your code against a simulated DHT") quotes this file from here to its end.
import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.testkit.TestSwarm;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FileSharingTest {
  @Test
  void aFileSharedByOneNodeIsFoundFromAnother() {
    try (TestSwarm swarm = TestSwarm.virtualTime(50)) {
      FileSharing alice = new FileSharing(swarm.node(0));
      FileSharing bob = new FileSharing(swarm.node(49));
      byte[] file = "hello, swarm".getBytes(StandardCharsets.UTF_8);

      swarm.await(alice.share(file));

      assertThat(swarm.await(bob.holdersOf(file).next())).contains(swarm.node(0).localPeer());
    }
  }
}
