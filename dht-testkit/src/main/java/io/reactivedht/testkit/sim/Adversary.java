package io.reactivedht.testkit.sim;

import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A lying node: rewrites the answers its honest handler gives before they leave it. Set one per
 * node with {@link InMemoryNetwork#setAdversary}. Called with the network's lock held: an
 * implementation must be quick, must not call back into the network, and must draw its randomness
 * only from {@code random} so that runs repeat.
 */
@FunctionalInterface
public interface Adversary {
  /**
   * The response the node sends instead of {@code honest}.
   *
   * @param request the request being answered
   * @param honest what the node's handler answered
   * @param random the network's seeded generator
   * @return the response to send; {@code honest} itself to leave the answer unchanged
   */
  DhtResponse rewrite(DhtRequest request, DhtResponse honest, RandomGenerator random);

  /**
   * Answers FIND_NODE, GET_VALUE and GET_PROVIDERS with {@code count} invented closer peers instead
   * of the real ones: random peer ids that are not in the network, with plausible addresses (in
   * 203.0.113.0/24). Lookups that trust it waste requests on dials that fail.
   *
   * @param count how many peers each answer invents, 0 to 100
   * @return a stateless adversary; one instance may serve many nodes
   */
  static Adversary fabricatedCloserPeers(int count) {
    return new Adversaries.FabricatedCloserPeers(count);
  }

  /**
   * Answers GET_VALUE with a record of random bytes under the requested key (whether or not it
   * stores one), and GET_PROVIDERS with invented providers; closer peers stay honest. Validators
   * must reject the records.
   *
   * @return a stateless adversary; one instance may serve many nodes
   */
  static Adversary corruptRecords() {
    return new Adversaries.CorruptRecords();
  }

  /**
   * Hides content: answers GET_VALUE without a record and GET_PROVIDERS without providers, while
   * still accepting puts and listing honest closer peers.
   *
   * @return a stateless adversary; one instance may serve many nodes
   */
  static Adversary withholdRecords() {
    return new Adversaries.WithholdRecords();
  }

  /**
   * A member of a colluding group (a Sybil attack): answers FIND_NODE, GET_VALUE and GET_PROVIDERS
   * with the {@code count} members of {@code group} closest to the requested key, never an honest
   * peer, and without records or providers. Real, answering peers: a lookup that follows them stays
   * among them (an eclipse).
   *
   * @param group every member of the group, with its addresses; copied
   * @param count how many members each answer lists, the closest to the key first
   * @return the adversary to give every member of the group
   */
  static Adversary colluding(List<PeerInfo> group, int count) {
    return new Adversaries.Colluding(List.copyOf(group), count);
  }
}
