package io.reactivedht.reactor.observe;

/** Observes one outgoing request, from {@link OperationObserver#rpcStarted}. Must not block. */
public interface RpcObserver {
  /**
   * The observer that does nothing.
   *
   * @return the one no-op request observer
   */
  static RpcObserver noop() {
    return Noop.RPC;
  }

  /**
   * The request ended. Called exactly once.
   *
   * @param outcome answered, failed, timed out, or abandoned (cancelled)
   */
  default void ended(RpcOutcome outcome) {}
}
