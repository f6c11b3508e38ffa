package io.reactivedht.core.query;

import io.reactivedht.core.query.Candidate.State;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One line of search: the peers it has heard of, sorted by distance to the target in one set per
 * state, and the requests it has in flight. A plain lookup has one path; a disjoint lookup several,
 * which share the candidates' states but learn closer peers only from the peers they queried
 * themselves.
 */
final class Path {
  final int index;
  final int parallelism;

  /** This path's bit in {@link Candidate#knownToPaths}; 0 past index 63 (those check the sets). */
  private final long bit;

  private final NavigableSet<Candidate> notContacted;
  private final NavigableSet<Candidate> waiting;
  private final NavigableSet<Candidate> unresponsive;
  private final NavigableSet<Candidate> succeeded;

  /** Requests this path sent that are still within their timeout. */
  int inFlight;

  /** Sticky: a finished path queries nobody and learns nothing more. */
  boolean finished;

  /** Sticky: a path in its follow-up phase learns nothing more and settles with quorum k. */
  boolean followingUp;

  Path(int index, int parallelism, Comparator<Candidate> byDistance) {
    this.index = index;
    this.parallelism = parallelism;
    this.bit = index < Long.SIZE ? 1L << index : 0;
    this.notContacted = new TreeSet<>(byDistance);
    this.waiting = new TreeSet<>(byDistance);
    this.unresponsive = new TreeSet<>(byDistance);
    this.succeeded = new TreeSet<>(byDistance);
  }

  /** Adds a candidate to this path's view, in its current state; a second call is a no-op. */
  void learn(Candidate c) {
    if (bit != 0) {
      if ((c.knownToPaths & bit) != 0) {
        return;
      }
      c.knownToPaths |= bit;
    }
    NavigableSet<Candidate> set = setOf(c.state);
    if (set != null) {
      set.add(c);
    }
  }

  /** Follows a candidate's change of state, if this path knows it. */
  void move(Candidate c, State from, State to) {
    if (bit != 0 && (c.knownToPaths & bit) == 0) {
      return;
    }
    NavigableSet<Candidate> source = setOf(from);
    if (source != null && source.remove(c)) {
      NavigableSet<Candidate> target = setOf(to);
      if (target != null) {
        target.add(c);
      }
    }
  }

  /**
   * Whether the search on this path is over: no peer is left to query or awaited, or the {@code
   * quorum} closest answered peers are all closer than every such peer. Failed and unresponsive
   * peers do not count.
   */
  boolean isSettled(int quorum) {
    Candidate pending = closer(first(notContacted), first(waiting));
    return pending == null || answeredCloserThan(pending, quorum) >= quorum;
  }

  /**
   * The closest peer not yet queried, if it could still make a difference: fewer than {@code
   * quorum} answered peers are closer than it.
   */
  @Nullable Candidate nextToQuery(int quorum) {
    Candidate next = first(notContacted);
    return next != null && answeredCloserThan(next, quorum) < quorum ? next : null;
  }

  boolean hasFreeSlot() {
    return inFlight < parallelism;
  }

  /** How many answered peers are closer than {@code c}, counting no further than {@code limit}. */
  private int answeredCloserThan(Candidate c, int limit) {
    Comparator<? super Candidate> order = succeeded.comparator();
    int count = 0;
    Iterator<Candidate> it = succeeded.iterator();
    while (count < limit && it.hasNext() && order.compare(it.next(), c) < 0) {
      count++;
    }
    return count;
  }

  private @Nullable Candidate closer(@Nullable Candidate a, @Nullable Candidate b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return notContacted.comparator().compare(a, b) <= 0 ? a : b;
  }

  private static @Nullable Candidate first(NavigableSet<Candidate> set) {
    return set.isEmpty() ? null : set.first();
  }

  private @Nullable NavigableSet<Candidate> setOf(State state) {
    return switch (state) {
      case NOT_CONTACTED -> notContacted;
      case WAITING -> waiting;
      case UNRESPONSIVE -> unresponsive;
      case SUCCEEDED -> succeeded;
      case FAILED -> null;
    };
  }
}
