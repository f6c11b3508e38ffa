package io.reactivedht.testkit.sim;

import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * One request's trip through an {@link InMemoryNetwork}, as the {@code Mono} its sender subscribes
 * to: the network decides each {@link Step} (under its lock), the exchange waits each step's delay
 * on the network's scheduler and takes the next. One object per subscription and one scheduler task
 * per leg, where a chain of Reactor operators (defer, delaySubscription, materialize, flatMap) cost
 * a dozen objects and as many calls per request: the plumbing was an eighth of a large simulation.
 * Cancelling stops the trip wherever it is (a pending leg, or the handler's work).
 */
final class Exchange extends Mono<DhtResponse> {
  private final InMemoryNetwork network;
  private final Node from;
  private final PeerId to;
  private final DhtRequest request;

  Exchange(InMemoryNetwork network, Node from, PeerId to, DhtRequest request) {
    this.network = network;
    this.from = from;
    this.to = to;
    this.request = request;
  }

  @Override
  public void subscribe(CoreSubscriber<? super DhtResponse> actual) {
    Trip trip = new Trip(actual);
    actual.onSubscribe(trip);
    trip.take(network.dial(from, to, request));
  }

  /** What the next leg of an exchange is, as the network decided it. */
  sealed interface Step {
    /** The exchange fails with {@code error} after {@code after}, or at once if it is null. */
    record Fails(Throwable error, @Nullable Duration after) implements Step {}

    /** No answer ever comes (a silent peer, a lost message): the sender's timeout decides. */
    record Hangs() implements Step {}

    /** The request reaches {@code target} after {@code after}. */
    record Travels(Node target, Duration after) implements Step {}

    /** The target's handler works on the request (subscribed when the trip takes this step). */
    record Handled(Node target, DhtRequest received, Mono<DhtResponse> answer) implements Step {}

    /** The answer reaches the sender after {@code after}. */
    record Answers(DhtResponse response, DhtRequest received, Duration after) implements Step {}

    /** The exchange completes empty now (a request that gets no response). */
    record Ends() implements Step {}
  }

  /** The subscription: the trip's one pending leg, and the sender's signals. */
  private final class Trip extends Operators.MonoSubscriber<DhtResponse, DhtResponse> {
    /** The scheduled leg or the handler's work to cancel with the trip; guarded by this. */
    private @Nullable Disposable pending;

    private boolean ended;

    Trip(CoreSubscriber<? super DhtResponse> actual) {
      super(actual);
    }

    void take(Step step) {
      if (step instanceof Step.Travels travels) {
        after(travels.after(), () -> take(network.arrive(from, travels.target(), request)));
      } else if (step instanceof Step.Handled handled) {
        Handling handling = new Handling(handled);
        if (hold(handling)) {
          handled.answer().subscribe(handling);
        }
      } else if (step instanceof Step.Answers answers) {
        after(answers.after(), () -> deliver(answers));
      } else if (step instanceof Step.Fails fails) {
        Duration after = fails.after();
        if (after == null) {
          fail(fails.error());
        } else {
          after(after, () -> fail(fails.error()));
        }
      } else if (step instanceof Step.Ends) {
        if (end()) {
          actual.onComplete();
        }
      }
      // Step.Hangs: nothing more happens.
    }

    /**
     * Runs {@code leg} after {@code delay}. A scheduler may run a task that is due at once before
     * {@code schedule} returns (a {@code VirtualTimeScheduler} called from outside its tasks does):
     * then the leg has taken its own next step, and the task it ran in is not held.
     */
    private void after(Duration delay, Runnable leg) {
      Disposable before;
      synchronized (this) {
        before = pending;
      }
      Disposable task = network.scheduler().schedule(leg, delay.toNanos(), TimeUnit.NANOSECONDS);
      synchronized (this) {
        if (pending != before) {
          return; // the leg ran already and holds its own next step (or ended the trip)
        }
      }
      hold(task);
    }

    /** Makes {@code leg} the one to cancel with the trip; false (and cancels it) if it ended. */
    private boolean hold(Disposable leg) {
      synchronized (this) {
        if (!ended && !isCancelled()) {
          pending = leg;
          return true;
        }
      }
      leg.dispose();
      return false;
    }

    private void deliver(Step.Answers answers) {
      DhtResponse response;
      try {
        response = network.received(answers.response(), answers.received(), request);
      } catch (RuntimeException malformed) {
        fail(malformed);
        return;
      }
      if (end()) {
        network.completed();
        complete(response);
      }
    }

    private void fail(Throwable error) {
      if (end()) {
        actual.onError(error);
      }
    }

    private synchronized boolean end() {
      if (ended || isCancelled()) {
        return false;
      }
      ended = true;
      pending = null;
      return true;
    }

    @Override
    public void cancel() {
      super.cancel();
      Disposable leg;
      synchronized (this) {
        leg = pending;
        pending = null;
      }
      if (leg != null) {
        leg.dispose();
      }
    }

    /** Takes the handler's first signal to the reply leg: its answer, or none. */
    private final class Handling implements CoreSubscriber<DhtResponse>, Disposable {
      private final Step.Handled handled;
      private @Nullable Subscription upstream;
      private boolean signalled;
      private boolean disposed;

      Handling(Step.Handled handled) {
        this.handled = handled;
      }

      @Override
      public Context currentContext() {
        return actual.currentContext();
      }

      @Override
      public void onSubscribe(Subscription s) {
        boolean cancel;
        synchronized (this) {
          upstream = s;
          cancel = disposed;
        }
        if (cancel) {
          s.cancel();
        } else {
          s.request(Long.MAX_VALUE);
        }
      }

      @Override
      public void onNext(DhtResponse response) {
        reply(response);
      }

      @Override
      public void onError(Throwable error) {
        reply(null);
      }

      @Override
      public void onComplete() {
        reply(null);
      }

      private void reply(@Nullable DhtResponse honest) {
        synchronized (this) {
          if (signalled || disposed) {
            return;
          }
          signalled = true;
        }
        take(network.reply(from, handled.target(), handled.received(), honest));
      }

      @Override
      public void dispose() {
        Subscription s;
        synchronized (this) {
          disposed = true;
          s = upstream;
        }
        if (s != null) {
          s.cancel();
        }
      }

      @Override
      public synchronized boolean isDisposed() {
        return disposed;
      }
    }
  }
}
