package io.reactivedht.reactor.state;

import io.reactivedht.testkit.contract.NodeStateContract;

class InMemoryNodeStateContractTest extends NodeStateContract {
  @Override
  protected NodeState newState() {
    return NodeState.inMemory();
  }
}
