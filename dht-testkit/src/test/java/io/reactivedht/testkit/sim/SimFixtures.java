package io.reactivedht.testkit.sim;

import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.reactor.spi.DhtTransport;
import io.reactivedht.reactor.spi.TransportEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Peers and keys for the network tests. */
final class SimFixtures {
  private SimFixtures() {}

  /**
   * A peer id with a sha2-256 multihash of the 8 bytes of {@code seed}: cheap and deterministic.
   */
  static PeerId peer(long seed) {
    return PeerId.fromBytes(Multihash.sha256(ByteBuffer.allocate(8).putLong(seed).array()).bytes());
  }

  /** The peer and addresses of a transport, as a caller addresses it. */
  static PeerInfo info(DhtTransport transport) {
    return new PeerInfo(transport.localPeer(), transport.listenAddresses());
  }

  /** Everything a transport emits from now on, in order. */
  static List<TransportEvent> eventsOf(DhtTransport transport) {
    List<TransportEvent> events = new ArrayList<>();
    transport.events().subscribe(events::add);
    return events;
  }

  static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
