package io.reactivedht.routing.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peerinfo.PeerInfo;
import java.util.List;

/**
 * A record of the spec's Peer Schema: {@code
 * {"Schema":"peer","ID":"12D3...","Addrs":[...],"Protocols":[...]}}. The DHT does not tell which
 * transfer protocols a peer speaks, so {@code Protocols} is empty (the spec: "the router server is
 * missing that information").
 *
 * @param schema always {@code peer}
 * @param id the peer id, base58btc
 * @param addrs its multiaddrs, without {@code /p2p}
 * @param protocols the transfer protocols it is known to support
 */
@JsonPropertyOrder({"Schema", "ID", "Addrs", "Protocols"})
public record PeerRecord(
    @JsonProperty("Schema") String schema,
    @JsonProperty("ID") String id,
    @JsonProperty("Addrs") List<String> addrs,
    @JsonProperty("Protocols") List<String> protocols) {

  /** The Peer Schema's name. */
  public static final String SCHEMA = "peer";

  /**
   * Copies the lists.
   *
   * @param schema always {@code peer}
   * @param id the peer id, base58btc
   * @param addrs its multiaddrs, without {@code /p2p}
   * @param protocols the transfer protocols it is known to support
   */
  public PeerRecord {
    addrs = List.copyOf(addrs);
    protocols = List.copyOf(protocols);
  }

  /**
   * The record of a peer the DHT found.
   *
   * @param peer the peer with the addresses the DHT knows
   * @return its record, with no protocols
   */
  public static PeerRecord of(PeerInfo peer) {
    return new PeerRecord(
        SCHEMA,
        peer.id().toString(),
        peer.addresses().stream().map(Multiaddr::toString).toList(),
        List.of());
  }

  /**
   * The JSON body of {@code GET /routing/v1/providers/{cid}}.
   *
   * @param providers the providers found, at most 100
   */
  public record Providers(@JsonProperty("Providers") List<PeerRecord> providers) {}

  /**
   * The JSON body of {@code GET /routing/v1/peers/{peer-id}} and of the closest-peers endpoint.
   *
   * @param peers the peers found, at most 100
   */
  public record Peers(@JsonProperty("Peers") List<PeerRecord> peers) {}
}
