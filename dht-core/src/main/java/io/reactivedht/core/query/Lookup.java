package io.reactivedht.core.query;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.peer.PeerId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * An iterative search for the peers closest to a {@link #target()}. The driver loops on {@link
 * #next}, sends a request for each {@link LookupStep.Query}, and reports every outcome with {@link
 * #onSuccess} or {@link #onFailure}; a {@link LookupStep.Waiting} or {@link LookupStep.AtCapacity}
 * step means: call {@code next} again after the next outcome or at the step's deadline, whichever
 * comes first. Calls must not overlap (one driver, one thread at a time). Timeouts and termination
 * are decided in {@code next}, so an outcome reported after the lookup's end was reached but before
 * {@code next} said so is still taken.
 */
public interface Lookup {
  /**
   * The key whose closest peers are sought.
   *
   * @return the target given at construction
   */
  Key target();

  /**
   * The configuration the lookup runs with.
   *
   * @return the config given at construction
   */
  LookupConfig config();

  /**
   * Expires requests whose timeout passed at {@code now}, decides whether the lookup is over, and
   * otherwise names the next peer to query, if any. Each {@link LookupStep.Query} counts as sent at
   * {@code now}.
   *
   * @param now the current time; requests whose deadline is at or before it expire
   * @return what the driver must do next; {@link LookupStep.Finished} once over, and on every later
   *     call
   */
  LookupStep next(Instant now);

  /**
   * Reports that {@code peer} answered with {@code closerPeers}. Accepted only from a peer this
   * lookup queried and has no outcome for yet, including one past its timeout, and only before the
   * lookup finished. Of the closer peers, the local peer is dropped and the {@link
   * LookupConfig#maxCloserPeers()} closest to the target are kept (peers already known count toward
   * that limit); of those, the ones new to the path that queried {@code peer} are learned, unless
   * that path has finished or is in its follow-up phase.
   *
   * @param peer the peer that answered
   * @param closerPeers the peers it returned, in any order; duplicates are ignored
   * @return whether the response was accepted
   */
  boolean onSuccess(PeerId peer, Collection<PeerId> closerPeers);

  /**
   * Reports that the request to {@code peer} failed. Accepted under the same conditions as {@link
   * #onSuccess}.
   *
   * @param peer the peer whose request failed (error, closed stream, RPC timeout)
   * @return whether the outcome was accepted
   */
  boolean onFailure(PeerId peer);

  /**
   * Whether {@link #next} returned {@link LookupStep.Finished} or {@link #finish()} was called.
   *
   * @return true once the lookup is over; it never becomes false again
   */
  boolean isFinished();

  /**
   * Ends the lookup now (cancelled, or the caller has what it needs); later outcomes are ignored.
   */
  void finish();

  /**
   * The up to {@code numResults} closest peers that answered, closest first; a partial result until
   * finished.
   *
   * @return a new list of at most {@link LookupConfig#numResults()} peers in XOR distance order
   */
  List<PeerId> result();

  /**
   * Requests sent and neither answered, failed nor timed out.
   *
   * @return the number of requests holding a slot, at most {@link LookupConfig#alpha()}
   */
  int inFlight();

  /**
   * Counters of what the lookup has done so far.
   *
   * @return a snapshot; later progress does not change it
   */
  LookupStats stats();
}
