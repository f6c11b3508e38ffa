package io.reactivedht.reactor.observe;

import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.wire.MessageType;

/**
 * Observes one run of a public operation, from {@link DhtObserver#operationStarted}: the requests
 * it sends and its end. Called from several threads (requests run concurrently); must not block.
 */
public interface OperationObserver {
  /**
   * The observer that does nothing.
   *
   * @return the one no-op operation observer
   */
  static OperationObserver noop() {
    return Noop.OPERATION;
  }

  /**
   * A request of this operation goes out (a lookup's FIND_NODE, GET_VALUE or GET_PROVIDERS, a
   * PUT_VALUE or ADD_PROVIDER to one of the closest peers). Called before the end of the operation;
   * each request is ended exactly once.
   *
   * @param peer the peer asked (a high-cardinality value: never a metric tag)
   * @param type the request's type
   * @return what observes this request's end; {@link RpcObserver#noop()} for nothing
   */
  default RpcObserver rpcStarted(PeerId peer, MessageType type) {
    return RpcObserver.noop();
  }

  /**
   * The operation ended: completed, failed or was cancelled. Called exactly once. Requests still in
   * flight at the end may be ended after it (as cancelled).
   *
   * @param summary its outcome, duration on the node's clock, hops and requests sent
   */
  default void ended(OperationSummary summary) {}
}
