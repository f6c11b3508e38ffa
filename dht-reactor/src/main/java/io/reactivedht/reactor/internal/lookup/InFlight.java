package io.reactivedht.reactor.internal.lookup;

import java.util.ArrayList;
import java.util.List;
import reactor.core.Disposable;

/**
 * A lookup's requests in flight (at most alpha), disposed together when it ends; one added after
 * that is disposed at once. An array scanned by identity: Reactor's {@code Disposables.composite()}
 * keeps a linked list, whose removal visited a node object per request in flight (2% of a large
 * simulation). Thread-safe: answers arrive on the transport's threads.
 */
final class InFlight {
  private final List<Disposable> requests = new ArrayList<>();
  private boolean disposed;

  /** Adds a request, or disposes it if the lookup has ended. */
  void add(Disposable request) {
    synchronized (this) {
      if (!disposed) {
        requests.add(request);
        return;
      }
    }
    request.dispose();
  }

  /** Forgets a request that ended. */
  synchronized void remove(Disposable request) {
    int last = requests.size() - 1;
    for (int i = 0; i <= last; i++) {
      if (requests.get(i) == request) {
        requests.set(i, requests.get(last));
        requests.remove(last);
        return;
      }
    }
  }

  /** Disposes every request in flight, and any added from now on. */
  void dispose() {
    List<Disposable> all;
    synchronized (this) {
      if (disposed) {
        return;
      }
      disposed = true;
      all = new ArrayList<>(requests);
      requests.clear();
    }
    all.forEach(Disposable::dispose);
  }
}
