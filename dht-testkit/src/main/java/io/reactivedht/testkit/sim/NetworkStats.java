package io.reactivedht.testkit.sim;

/**
 * What the network has carried so far: a snapshot of its counters. Subtract an earlier snapshot to
 * count one operation, e.g. the requests of one lookup.
 *
 * @param requestsSent requests that left a node: every subscription to a send, except a dial to
 *     itself or from a node that left
 * @param requestsDelivered requests that reached a serving handler
 * @param exchangesCompleted sends that succeeded: a response reached the caller, or a request that
 *     gets none (ADD_PROVIDER) was delivered
 * @param messagesLost requests and responses dropped by {@link NetworkConditions#lossProbability()}
 * @param requestsToUnresponsive requests that reached an unresponsive node and were never answered
 * @param requestsToAbsent requests to a peer not in the network: never joined, or left before or
 *     while its request was handled
 * @param requestsRefused requests to a node that refuses connections ({@link
 *     InMemoryNetwork#setRefusing}) or does not serve the sender's protocol (a client)
 * @param streamsReset requests whose handler failed, or returned nothing where an answer was due
 * @param eventsDropped transport events lost because a node's event buffer was full
 */
public record NetworkStats(
    long requestsSent,
    long requestsDelivered,
    long exchangesCompleted,
    long messagesLost,
    long requestsToUnresponsive,
    long requestsToAbsent,
    long requestsRefused,
    long streamsReset,
    long eventsDropped) {

  /**
   * The counts since {@code earlier}, a snapshot of the same network.
   *
   * @param earlier a snapshot of the same network, taken before this one
   * @return each count minus the earlier one
   */
  public NetworkStats minus(NetworkStats earlier) {
    return new NetworkStats(
        requestsSent - earlier.requestsSent,
        requestsDelivered - earlier.requestsDelivered,
        exchangesCompleted - earlier.exchangesCompleted,
        messagesLost - earlier.messagesLost,
        requestsToUnresponsive - earlier.requestsToUnresponsive,
        requestsToAbsent - earlier.requestsToAbsent,
        requestsRefused - earlier.requestsRefused,
        streamsReset - earlier.streamsReset,
        eventsDropped - earlier.eventsDropped);
  }
}
