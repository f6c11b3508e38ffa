package io.reactivedht.core.query;

/**
 * What a lookup has done so far.
 *
 * @param contacted peers the lookup asked to query
 * @param succeeded peers that answered (including late answers after a timeout)
 * @param failed peers whose request failed
 * @param timedOut peers that passed their slot timeout without an answer; a late answer or failure
 *     is also counted in {@code succeeded} or {@code failed}
 * @param skipped peers the lookup would have asked but its {@link PeerPolicy} said to avoid;
 *     counted in no other field
 */
public record LookupStats(int contacted, int succeeded, int failed, int timedOut, int skipped) {
  /**
   * Stats with nobody skipped.
   *
   * @param contacted peers the lookup asked to query
   * @param succeeded peers that answered
   * @param failed peers whose request failed
   * @param timedOut peers that passed their slot timeout without an answer
   */
  public LookupStats(int contacted, int succeeded, int failed, int timedOut) {
    this(contacted, succeeded, failed, timedOut, 0);
  }
}
