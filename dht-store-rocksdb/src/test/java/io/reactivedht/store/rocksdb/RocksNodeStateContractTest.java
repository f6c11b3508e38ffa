package io.reactivedht.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.reactor.state.NodeState;
import io.reactivedht.testkit.contract.NodeStateContract;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node state contract, against {@link RocksDatastore#nodeState()}; {@link #reopened} closes the
 * datastore and opens its directory again, so every test also checks that what it wrote is on disk.
 */
class RocksNodeStateContractTest extends NodeStateContract {
  @TempDir Path dir;

  /** The one datastore open on {@link #dir}; a test may reopen from a state already replaced. */
  private @Nullable RocksDatastore current;

  @Override
  protected NodeState newState() {
    return open();
  }

  @Override
  protected NodeState reopened(NodeState state) {
    close();
    NodeState again = open();
    assertThat(again.blocksOnIo()).isTrue();
    return again;
  }

  private NodeState open() {
    RocksDatastore store = RocksDatastore.open(dir.resolve("state"), DatastoreOptions.DEFAULTS);
    current = store;
    return store.nodeState();
  }

  @AfterEach
  void close() {
    if (current != null) {
      current.close();
      current = null;
    }
  }
}
