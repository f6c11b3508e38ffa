package io.reactivedht.reactor.state;

import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.record.Record;
import io.reactivedht.reactor.routing.RoutingSnapshot;
import java.util.List;

/**
 * What a node must not forget when its process ends: the cids it provides and the records it
 * publishes, so that reprovide and republish go on after a restart, and a snapshot of its routing
 * table, so that a restart is warm. {@link #inMemory()} forgets everything with the process; a
 * persistent implementation keeps it on disk.
 *
 * <p>A write is durable when it returns: after a crash the state holds every change that returned
 * and, for a change that did not, either all of it or none. Implementations are thread-safe. One
 * whose methods block on I/O says so with {@link #blocksOnIo()}, and the node calls it on a
 * scheduler made for blocking work, never on an event loop.
 */
public interface NodeState {
  /**
   * The cids this node provides.
   *
   * @return one per multihash (the cid last provided for it; the DHT keys provider records by
   *     multihash alone), in no particular order
   */
  List<Cid> provided();

  /**
   * Remembers that this node provides {@code cid}, in place of a cid of the same multihash.
   *
   * @param cid the content provided
   */
  void addProvided(Cid cid);

  /**
   * Forgets that this node provides {@code cid} (or another cid of its multihash), if it did.
   *
   * @param cid the content no longer provided
   */
  void removeProvided(Cid cid);

  /**
   * The records this node publishes, without receive times.
   *
   * @return one per key, the value last put for it, in no particular order
   */
  List<Record> published();

  /**
   * Remembers {@code value} as the record this node publishes under {@code key}, replacing an
   * earlier one.
   *
   * @param key the record key
   * @param value the record value (for IPNS, the whole signed record)
   */
  void putPublished(byte[] key, byte[] value);

  /**
   * Forgets the record published under {@code key}, if any.
   *
   * @param key the record key
   */
  void removePublished(byte[] key);

  /**
   * The routing table as last saved.
   *
   * @return the last snapshot saved; {@link RoutingSnapshot#EMPTY} if none was
   */
  RoutingSnapshot routingSnapshot();

  /**
   * Replaces the saved routing table with {@code snapshot}.
   *
   * @param snapshot the table now
   */
  void saveRoutingSnapshot(RoutingSnapshot snapshot);

  /**
   * Whether the methods block on I/O (a disk); the node then calls them off its event loops.
   *
   * @return false for in-memory state
   */
  default boolean blocksOnIo() {
    return false;
  }

  /**
   * A state kept in memory only: it forgets everything with the process (the default).
   *
   * @return a new empty state
   */
  static NodeState inMemory() {
    return new InMemoryNodeState();
  }
}
