package io.reactivedht.core.wire;

import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.Record;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A DHT response, independent of the protobuf that carries it. A response only makes sense next to
 * its request (the codec echoes the request key from it), and there is none for {@link
 * DhtRequest.AddProvider}. Peer lists hold what the sender wrote, minus entries that do not decode;
 * they may include peers without addresses, which the receiver should skip. Immutable.
 */
public sealed interface DhtResponse {
  /**
   * The message type on the wire: the same as the request's.
   *
   * @return the type fixed by the kind of response
   */
  MessageType type();

  /**
   * The closer peers this response carries: those of a FIND_NODE, GET_VALUE or GET_PROVIDERS
   * answer, none for the others.
   *
   * @return an immutable list, possibly empty, in the sender's order
   */
  default List<PeerInfo> closerPeers() {
    return List.of();
  }

  /**
   * The answer to FIND_NODE.
   *
   * @param closerPeers up to k peers closest to the target
   */
  record FindNodeResponse(List<PeerInfo> closerPeers) implements DhtResponse {
    /**
     * Copies the list.
     *
     * @param closerPeers the peers closest to the target; copied into an immutable list (no nulls)
     */
    public FindNodeResponse {
      closerPeers = List.copyOf(closerPeers);
    }

    @Override
    public MessageType type() {
      return MessageType.FIND_NODE;
    }
  }

  /**
   * The answer to GET_VALUE. When decoded, {@code record.key()} equals the requested key; the value
   * still has to pass the namespace validator.
   *
   * @param record the stored record, or null if the server has none
   * @param closerPeers up to k peers closest to the key
   */
  record GetValueResponse(@Nullable Record record, List<PeerInfo> closerPeers)
      implements DhtResponse {
    /**
     * Copies the list.
     *
     * @param record the stored record, or null if the server has none
     * @param closerPeers the peers closest to the key; copied into an immutable list (no nulls)
     */
    public GetValueResponse {
      closerPeers = List.copyOf(closerPeers);
    }

    @Override
    public MessageType type() {
      return MessageType.GET_VALUE;
    }
  }

  /**
   * The answer to PUT_VALUE: the request echoed. The put succeeded only if {@code record.value()}
   * equals the value sent (go and js clients check this; the codec does not).
   *
   * @param record the echoed record
   */
  record PutValueResponse(Record record) implements DhtResponse {
    @Override
    public MessageType type() {
      return MessageType.PUT_VALUE;
    }
  }

  /**
   * The answer to GET_PROVIDERS.
   *
   * @param providers the known providers of the multihash, with their addresses
   * @param closerPeers up to k peers closest to the multihash
   */
  record GetProvidersResponse(List<PeerInfo> providers, List<PeerInfo> closerPeers)
      implements DhtResponse {
    /**
     * Copies the lists.
     *
     * @param providers the known providers of the multihash; copied into an immutable list
     * @param closerPeers the peers closest to the multihash; copied into an immutable list
     */
    public GetProvidersResponse {
      providers = List.copyOf(providers);
      closerPeers = List.copyOf(closerPeers);
    }

    @Override
    public MessageType type() {
      return MessageType.GET_PROVIDERS;
    }
  }

  /** The answer to PING: the request echoed. */
  record PingResponse() implements DhtResponse {
    @Override
    public MessageType type() {
      return MessageType.PING;
    }
  }
}
