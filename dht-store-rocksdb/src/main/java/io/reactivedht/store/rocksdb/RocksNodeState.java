package io.reactivedht.store.rocksdb;

import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.record.Record;
import io.reactivedht.reactor.routing.RoutingSnapshot;
import io.reactivedht.reactor.state.NodeState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rocksdb.RocksIterator;

/**
 * {@link RocksDatastore#nodeState()}: the {@code node_state} column family, one key per provided
 * multihash and per published record, and one for the routing snapshot. Every change is a single
 * key written atomically, so no lock is needed; a write is in the log when it returns (fsynced with
 * {@link DatastoreOptions#syncWrites()}).
 */
final class RocksNodeState implements NodeState {
  private static final byte[] PROVIDED_PREFIX = {Layout.PROVIDED};
  private static final byte[] PUBLISHED_PREFIX = {Layout.PUBLISHED};

  private final Rocks rocks;

  RocksNodeState(Rocks rocks) {
    this.rocks = rocks;
  }

  @Override
  public List<Cid> provided() {
    List<Cid> out = new ArrayList<>();
    scan(
        "read the provided cids",
        PROVIDED_PREFIX,
        (key, value) -> out.add(Layout.decode("provided cid", () -> Cid.fromBytes(value))));
    return List.copyOf(out);
  }

  @Override
  public void addProvided(Cid cid) {
    rocks.run(
        "remember a provided cid", () -> rocks.put(rocks.nodeState, providedKey(cid), cid.bytes()));
  }

  @Override
  public void removeProvided(Cid cid) {
    rocks.run("forget a provided cid", () -> rocks.delete(rocks.nodeState, providedKey(cid)));
  }

  @Override
  public List<Record> published() {
    List<Record> out = new ArrayList<>();
    scan(
        "read the published records",
        PUBLISHED_PREFIX,
        (key, value) -> out.add(Record.of(Arrays.copyOfRange(key, 1, key.length), value)));
    return List.copyOf(out);
  }

  @Override
  public void putPublished(byte[] key, byte[] value) {
    byte[] stateKey = Layout.prefixed(Layout.PUBLISHED, key);
    byte[] copy = value.clone();
    rocks.run("remember a published record", () -> rocks.put(rocks.nodeState, stateKey, copy));
  }

  @Override
  public void removePublished(byte[] key) {
    byte[] stateKey = Layout.prefixed(Layout.PUBLISHED, key);
    rocks.run("forget a published record", () -> rocks.delete(rocks.nodeState, stateKey));
  }

  @Override
  public RoutingSnapshot routingSnapshot() {
    return rocks.call(
        "read the routing snapshot",
        () -> {
          byte[] bytes = rocks.get(rocks.nodeState, Layout.ROUTING_KEY);
          return bytes == null ? RoutingSnapshot.EMPTY : Layout.readRoutingSnapshot(bytes);
        });
  }

  @Override
  public void saveRoutingSnapshot(RoutingSnapshot snapshot) {
    byte[] bytes = Layout.routingSnapshot(snapshot);
    rocks.run(
        "save the routing snapshot", () -> rocks.put(rocks.nodeState, Layout.ROUTING_KEY, bytes));
  }

  @Override
  public boolean blocksOnIo() {
    return true;
  }

  private static byte[] providedKey(Cid cid) {
    return Layout.prefixed(Layout.PROVIDED, cid.multihash().bytes());
  }

  /** Calls {@code visit} with each key and value under {@code prefix}. */
  private void scan(String what, byte[] prefix, Visitor visit) {
    rocks.run(
        what,
        () -> {
          try (RocksIterator it = rocks.iterator(rocks.nodeState)) {
            for (it.seek(prefix); it.isValid(); it.next()) {
              byte[] key = it.key();
              if (!Layout.startsWith(key, prefix)) {
                break;
              }
              visit.visit(key, it.value());
            }
            it.status();
          }
        });
  }

  /** What {@link #scan} calls. */
  private interface Visitor {
    void visit(byte[] key, byte[] value);
  }
}
