package io.reactivedht.reactor.observe;

/** The no-op observers: one instance each, so that "is it the no-op?" is an identity check. */
final class Noop {
  static final DhtObserver OBSERVER = new DhtObserver() {};
  static final OperationObserver OPERATION = new OperationObserver() {};
  static final RpcObserver RPC = new RpcObserver() {};

  private Noop() {}
}
