package io.reactivedht.transport.config;

/**
 * Limits of a yamux session (one per connection).
 *
 * @param initialWindow the receive window each stream grants the remote up front; at least the
 *     protocol's 256 KiB (a larger value is granted with the SYN or ACK)
 * @param maxStreamBuffer the most unread bytes held per stream; the window never lets the remote
 *     exceed it, and a frame read from a stream can be at most this long
 * @param maxInboundStreams the most concurrent streams the remote may open; a SYN beyond it is
 *     answered with RST
 * @param maxOutboundStreams the most concurrent streams this side opens; opening a stream fails
 *     beyond
 * @param maxFrameSize the largest Data payload this side sends in one frame
 */
public record YamuxConfig(
    int initialWindow,
    int maxStreamBuffer,
    int maxInboundStreams,
    int maxOutboundStreams,
    int maxFrameSize) {
  /** The window every yamux stream starts with, in each direction. */
  public static final int PROTOCOL_WINDOW = 256 * 1024;

  /**
   * 256 KiB windows, 4 MiB + 64 KiB per stream (a 4 MiB DHT message fits), 256 streams each way, 64
   * KiB frames.
   */
  public static final YamuxConfig DEFAULT =
      new YamuxConfig(PROTOCOL_WINDOW, 4 * 1024 * 1024 + 64 * 1024, 256, 256, 64 * 1024);

  /**
   * Checks the limits are consistent.
   *
   * @param initialWindow each stream's receive window, in bytes; at least {@link #PROTOCOL_WINDOW}
   * @param maxStreamBuffer the most unread bytes per stream; at least {@code initialWindow}
   * @param maxInboundStreams the most concurrent streams the remote opens; at least 1
   * @param maxOutboundStreams the most concurrent streams this side opens; at least 1
   * @param maxFrameSize the largest Data payload sent in one frame, in bytes; at least 1
   */
  public YamuxConfig {
    if (initialWindow < PROTOCOL_WINDOW) {
      throw new IllegalArgumentException(
          "initialWindow below the protocol's 256 KiB: " + initialWindow);
    }
    if (maxStreamBuffer < initialWindow) {
      throw new IllegalArgumentException(
          "maxStreamBuffer " + maxStreamBuffer + " < initialWindow " + initialWindow);
    }
    if (maxInboundStreams <= 0 || maxOutboundStreams <= 0 || maxFrameSize <= 0) {
      throw new IllegalArgumentException("stream limits and maxFrameSize must be positive");
    }
  }

  /**
   * This config with another inbound stream limit.
   *
   * @param limit the most concurrent streams the remote may open (a SYN beyond is reset); at least
   *     1
   * @return a copy with it
   */
  public YamuxConfig withMaxInboundStreams(int limit) {
    return new YamuxConfig(initialWindow, maxStreamBuffer, limit, maxOutboundStreams, maxFrameSize);
  }

  /**
   * This config with another outbound stream limit.
   *
   * @param limit the most concurrent streams this side opens (opening more fails); at least 1
   * @return a copy with it
   */
  public YamuxConfig withMaxOutboundStreams(int limit) {
    return new YamuxConfig(initialWindow, maxStreamBuffer, maxInboundStreams, limit, maxFrameSize);
  }
}
