package io.reactivedht.reactor.config;

/** Whether a node answers DHT requests and may enter others' routing tables. */
public enum Mode {
  /**
   * Answers DHT requests and advertises the DHT protocol: others add it to their routing tables.
   */
  SERVER,
  /** Only asks: never answers DHT requests and never enters others' routing tables. */
  CLIENT,
  /**
   * Client until the transport reports that the node is publicly reachable, then server, and back.
   */
  AUTO
}
