package io.reactivedht.reactor.config;

/**
 * How many DHT requests one peer may send this node: a token bucket per peer that refills at {@code
 * perSecond} and holds at most {@code burst}. A request beyond it is refused with {@link
 * io.reactivedht.reactor.server.RequestRejectedException.Reason#RATE_LIMITED} (its stream is reset)
 * before any work is done for it.
 *
 * @param perSecond the sustained rate one peer may send at; positive
 * @param burst the most requests one peer may send at once after a quiet period; at least 1
 */
public record RequestRateLimit(double perSecond, int burst) {
  /**
   * 100 requests a second, 200 at once: far above what one honest peer sends (a lookup asks a peer
   * once; a busy delegated-routing server a few dozen times a second), far below what a node can
   * answer (thousands a second).
   */
  public static final RequestRateLimit DEFAULT = new RequestRateLimit(100, 200);

  /** No limit, for benchmarks and closed test networks. */
  public static final RequestRateLimit UNLIMITED =
      new RequestRateLimit(Double.POSITIVE_INFINITY, Integer.MAX_VALUE);

  /**
   * Checks the limit.
   *
   * @param perSecond positive (infinite for no limit)
   * @param burst at least 1
   */
  public RequestRateLimit {
    if (!(perSecond > 0) || burst < 1) {
      throw new IllegalArgumentException(
          "perSecond must be positive and burst at least 1, got " + perSecond + ", " + burst);
    }
  }

  /**
   * Whether this is {@link #UNLIMITED}.
   *
   * @return true when no request is ever refused
   */
  public boolean isUnlimited() {
    return Double.isInfinite(perSecond);
  }
}
