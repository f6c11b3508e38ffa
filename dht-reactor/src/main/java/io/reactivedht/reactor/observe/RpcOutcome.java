package io.reactivedht.reactor.observe;

/** How one outgoing request ended. */
public enum RpcOutcome {
  /** The peer answered (for ADD_PROVIDER, which has no answer: the request was written). */
  SUCCESS,
  /** The request failed: unreachable peer, reset stream, malformed or missing answer. */
  ERROR,
  /** No answer within the RPC timeout. */
  TIMEOUT,
  /** Abandoned before it ended: its operation was cancelled or finished without it. */
  CANCELLED
}
