package io.reactivedht.reactor.observe;

import io.reactivedht.core.wire.MessageType;

/**
 * Receives what a node does, for metrics and tracing; set with {@link
 * io.reactivedht.reactor.Dht.Builder#observer}. Every method has a default that does nothing, so an
 * implementation overrides only what it needs; {@link #noop()} is the node's default.
 *
 * <p>The node calls the methods on its own threads (event loops, the scheduler's, the store
 * scheduler's), concurrently: they must be thread-safe, quick and never block. What a method throws
 * (a {@link RuntimeException}) is caught and dropped, so a faulty observer cannot break the node,
 * but it loses what it failed to record.
 */
public interface DhtObserver {
  /**
   * The observer that does nothing, the node's default. A node given it skips every hook: no
   * wrapping of pipelines, no allocation, no call.
   *
   * @return the one no-op observer
   */
  static DhtObserver noop() {
    return Noop.OBSERVER;
  }

  /**
   * Called once, when the node is built, with the figures a metrics bridge may read at any time
   * (e.g. to register gauges).
   *
   * @param gauges the node's routing table size, store sizes and request counts, read live
   */
  default void attached(DhtGauges gauges) {}

  /**
   * A public operation of the node starts: on subscription to the Mono or Flux that {@link
   * io.reactivedht.reactor.Dht} returned.
   *
   * @param operation which operation
   * @return what observes this run of it (its requests and its end); {@link
   *     OperationObserver#noop()} for nothing
   */
  default OperationObserver operationStarted(Operation operation) {
    return OperationObserver.noop();
  }

  /**
   * The server finished with an inbound request.
   *
   * @param type the request's type
   * @param outcome answered, rejected (invalid or unwanted), or refused by a limit (which is also
   *     reported to {@link #requestRefused})
   */
  default void requestServed(MessageType type, RequestOutcome outcome) {}

  /**
   * The server refused an inbound request because of one of its limits, before doing its work.
   *
   * @param type the request's type
   * @param limit which limit refused it
   */
  default void requestRefused(MessageType type, RequestLimit limit) {}
}
