package io.reactivedht.testkit.sim;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.Record;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtRequest.GetValue;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.core.wire.DhtResponse.FindNodeResponse;
import io.reactivedht.core.wire.DhtResponse.GetProvidersResponse;
import io.reactivedht.core.wire.DhtResponse.GetValueResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/** The ready-made {@link Adversary} strategies. */
final class Adversaries {
  /** How many providers {@link CorruptRecords} invents. */
  static final int FAKE_PROVIDERS = 3;

  private Adversaries() {}

  /**
   * @param count the number of invented peers per answer
   */
  record FabricatedCloserPeers(int count) implements Adversary {
    FabricatedCloserPeers {
      if (count < 0 || count > 100) {
        throw new IllegalArgumentException("count must be between 0 and 100, got " + count);
      }
    }

    @Override
    public DhtResponse rewrite(DhtRequest request, DhtResponse honest, RandomGenerator random) {
      if (honest instanceof FindNodeResponse) {
        return new FindNodeResponse(fakePeers(count, random));
      } else if (honest instanceof GetValueResponse r) {
        return new GetValueResponse(r.record(), fakePeers(count, random));
      } else if (honest instanceof GetProvidersResponse r) {
        return new GetProvidersResponse(r.providers(), fakePeers(count, random));
      }
      return honest;
    }
  }

  record CorruptRecords() implements Adversary {
    @Override
    public DhtResponse rewrite(DhtRequest request, DhtResponse honest, RandomGenerator random) {
      if (honest instanceof GetValueResponse r && request instanceof GetValue get) {
        byte[] garbage = new byte[32];
        random.nextBytes(garbage);
        return new GetValueResponse(Record.of(get.key(), garbage), r.closerPeers());
      } else if (honest instanceof GetProvidersResponse r) {
        return new GetProvidersResponse(fakePeers(FAKE_PROVIDERS, random), r.closerPeers());
      }
      return honest;
    }
  }

  record WithholdRecords() implements Adversary {
    @Override
    public DhtResponse rewrite(DhtRequest request, DhtResponse honest, RandomGenerator random) {
      if (honest instanceof GetValueResponse r) {
        return new GetValueResponse(null, r.closerPeers());
      } else if (honest instanceof GetProvidersResponse r) {
        return new GetProvidersResponse(List.of(), r.closerPeers());
      }
      return honest;
    }
  }

  /**
   * Colluders that answer with each other.
   *
   * @param group the colluding peers
   * @param count how many of them an answer lists
   */
  record Colluding(List<PeerInfo> group, int count) implements Adversary {
    @Override
    public DhtResponse rewrite(DhtRequest request, DhtResponse honest, RandomGenerator random) {
      if (honest instanceof FindNodeResponse && request instanceof DhtRequest.FindNode find) {
        return new FindNodeResponse(closest(find.key()));
      } else if (honest instanceof GetValueResponse && request instanceof GetValue get) {
        return new GetValueResponse(null, closest(get.key()));
      } else if (honest instanceof GetProvidersResponse
          && request instanceof DhtRequest.GetProviders get) {
        return new GetProvidersResponse(List.of(), closest(get.key()));
      }
      return honest;
    }

    private List<PeerInfo> closest(byte[] key) {
      Key target = Key.of(key);
      return group.stream()
          .sorted(Comparator.comparing(p -> p.id().key(), target.byDistance()))
          .limit(count)
          .toList();
    }
  }

  /** Peers that exist nowhere: random sha2-256 peer ids, each with one TEST-NET-3 address. */
  static List<PeerInfo> fakePeers(int count, RandomGenerator random) {
    List<PeerInfo> peers = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] digest = new byte[32];
      random.nextBytes(digest);
      PeerId id = PeerId.fromBytes(Multihash.of(Multihash.SHA2_256, digest).bytes());
      peers.add(
          PeerInfo.of(
              id, Multiaddr.parse("/ip4/203.0.113." + (1 + random.nextInt(254)) + "/tcp/4001")));
    }
    return peers;
  }
}
