package io.reactivedht.reactor.state;

import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.record.Record;
import io.reactivedht.reactor.routing.RoutingSnapshot;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link NodeState#inMemory()}: maps under one monitor. */
final class InMemoryNodeState implements NodeState {
  private final Map<Multihash, Cid> provided = new LinkedHashMap<>();
  private final Map<ByteBuffer, Record> published = new LinkedHashMap<>();
  private RoutingSnapshot routing = RoutingSnapshot.EMPTY;

  @Override
  public synchronized List<Cid> provided() {
    return List.copyOf(provided.values());
  }

  @Override
  public synchronized void addProvided(Cid cid) {
    provided.put(cid.multihash(), cid);
  }

  @Override
  public synchronized void removeProvided(Cid cid) {
    provided.remove(cid.multihash());
  }

  @Override
  public synchronized List<Record> published() {
    List<Record> out = new ArrayList<>(published.size());
    published.values().forEach(r -> out.add(Record.of(r.key().clone(), r.value().clone())));
    return out;
  }

  @Override
  public synchronized void putPublished(byte[] key, byte[] value) {
    Record record = Record.of(key.clone(), value.clone());
    published.put(ByteBuffer.wrap(record.key()), record);
  }

  @Override
  public synchronized void removePublished(byte[] key) {
    published.remove(ByteBuffer.wrap(key));
  }

  @Override
  public synchronized RoutingSnapshot routingSnapshot() {
    return routing;
  }

  @Override
  public synchronized void saveRoutingSnapshot(RoutingSnapshot snapshot) {
    routing = snapshot;
  }
}
