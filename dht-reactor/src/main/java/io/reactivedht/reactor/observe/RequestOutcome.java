package io.reactivedht.reactor.observe;

/** How the server finished with an inbound request. */
public enum RequestOutcome {
  /** Answered (an ADD_PROVIDER: handled; it is never answered). */
  SERVED,
  /**
   * Refused for what it asked: an invalid or outdated record, an unknown namespace, a record the
   * store would not take.
   */
  REJECTED,
  /** Refused by a limit before any work ({@link DhtObserver#requestRefused} says which). */
  LIMITED
}
