package io.reactivedht.reactor.observe;

/** The server's limits that refuse inbound requests. */
public enum RequestLimit {
  /**
   * The peer sent more than its {@link
   * io.reactivedht.reactor.config.DhtOptions#inboundRateLimit()}.
   */
  RATE_LIMIT,
  /** The store scheduler's queue of waiting calls is full (a store that blocks on I/O is busy). */
  STORE_QUEUE
}
