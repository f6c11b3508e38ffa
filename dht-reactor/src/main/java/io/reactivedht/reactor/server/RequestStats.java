package io.reactivedht.reactor.server;

import io.reactivedht.core.wire.MessageType;
import java.util.Map;

/**
 * How many requests of each type this node has served and rejected since it was created: a
 * snapshot, immutable. An ADD_PROVIDER whose entries were all ignored counts as served (it is never
 * answered either way).
 *
 * @param served per type, the requests answered (or, for ADD_PROVIDER, handled); every type is
 *     present
 * @param rejected per type, the requests refused with an error; every type is present
 */
public record RequestStats(Map<MessageType, Long> served, Map<MessageType, Long> rejected) {
  /**
   * Copies the maps.
   *
   * @param served per type, the requests answered (or, for ADD_PROVIDER, handled); copied
   * @param rejected per type, the requests refused with an error; copied
   */
  public RequestStats {
    served = Map.copyOf(served);
    rejected = Map.copyOf(rejected);
  }

  /**
   * The requests of {@code type} served.
   *
   * @param type a request type
   * @return how many were served; 0 if the map has no entry for it
   */
  public long served(MessageType type) {
    return served.getOrDefault(type, 0L);
  }

  /**
   * The requests of {@code type} rejected.
   *
   * @param type a request type
   * @return how many were rejected; 0 if the map has no entry for it
   */
  public long rejected(MessageType type) {
    return rejected.getOrDefault(type, 0L);
  }
}
