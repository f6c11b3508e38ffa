package io.reactivedht.core.query;

/**
 * What a lookup has done so far.
 *
 * @param contacted peers the lookup asked to query
 * @param succeeded peers that answered (including late answers after a timeout)
 * @param failed peers whose request failed
 * @param timedOut peers that passed their timeout without an answer; a late answer or failure is also counted
 *     in {@code succeeded} or {@code failed}
 */
public record LookupStats(int contacted, int succeeded, int failed, int timedOut) {}
