package io.reactivedht.reactor.testing;

import io.reactivedht.core.record.Record;
import io.reactivedht.core.record.ValueStore;
import java.util.Optional;
import java.util.function.Consumer;

/** A {@link ValueStore} that forwards every call, for tests to override one method. */
public class DelegatingValueStore implements ValueStore {
  private final ValueStore delegate;

  /**
   * @param delegate receives every call
   */
  public DelegatingValueStore(ValueStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public boolean put(Record record) {
    return delegate.put(record);
  }

  @Override
  public Optional<Record> get(byte[] key) {
    return delegate.get(key);
  }

  @Override
  public void remove(byte[] key) {
    delegate.remove(key);
  }

  @Override
  public long count() {
    return delegate.count();
  }

  @Override
  public void forEach(Consumer<? super Record> action) {
    delegate.forEach(action);
  }

  @Override
  public void cleanUp() {
    delegate.cleanUp();
  }
}
