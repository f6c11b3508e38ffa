package io.reactivedht.reactor.internal.routing;

import io.reactivedht.reactor.config.Mode;
import io.reactivedht.reactor.event.DhtEvent;
import io.reactivedht.reactor.spi.DhtTransport;
import io.reactivedht.reactor.spi.RequestHandler;
import io.reactivedht.reactor.spi.TransportEvent;
import java.util.function.Consumer;
import reactor.core.Disposable;
import reactor.core.Disposables;

/**
 * Switches the node between DHT server and client (ipfs/specs {@code routing/kad-dht.md}, "Client
 * and Server Mode"). A server answers DHT requests and advertises the protocol through identify
 * ({@code transport.serve(handler)}), so others add it to their routing tables; a client does
 * neither ({@code transport.serve(null)}). In {@link Mode#AUTO} the node is a client until the
 * transport reports it publicly reachable, then a server until it reports otherwise, as
 * go-libp2p-kad-dht's {@code ModeAuto} does.
 *
 * <p>The switch starts as a client without touching the transport; the first {@link #setMode} puts
 * the transport in the chosen state. Every change of the {@link #effectiveMode()} emits a {@link
 * DhtEvent.ModeChanged}. Thread-safe: changes are serialized, and the transport and {@code events}
 * are called under the switch's monitor, so that they see the changes in order; both must return
 * promptly. Disposing stops following reachability and leaves the transport as it is.
 */
public final class ModeSwitch implements Disposable {
  private final DhtTransport transport;
  private final RequestHandler handler;
  private final Consumer<DhtEvent> events;
  private final Disposable.Swap reachability = Disposables.swap();

  private Mode mode = Mode.CLIENT;
  private Mode effective = Mode.CLIENT;
  private boolean applied;

  /**
   * @param transport serves the handler in server mode
   * @param handler answers inbound DHT requests in server mode
   * @param events receives a {@link DhtEvent.ModeChanged} on every change; must not block
   */
  public ModeSwitch(DhtTransport transport, RequestHandler handler, Consumer<DhtEvent> events) {
    this.transport = transport;
    this.handler = handler;
    this.events = events;
  }

  /**
   * Sets the mode: SERVER and CLIENT apply at once; AUTO starts as a client and follows the
   * transport's {@link TransportEvent.ReachabilityChanged} events from now on.
   *
   * @throws IllegalStateException after {@link #dispose()}
   */
  public synchronized void setMode(Mode mode) {
    if (reachability.isDisposed()) {
      throw new IllegalStateException("mode switch disposed");
    }
    if (mode == this.mode && applied) {
      return;
    }
    this.mode = mode;
    if (mode == Mode.AUTO) {
      apply(Mode.CLIENT);
      reachability.update(
          transport
              .events()
              .ofType(TransportEvent.ReachabilityChanged.class)
              .subscribe(this::onReachability));
    } else {
      reachability.update(Disposables.disposed());
      apply(mode);
    }
  }

  /** The mode set last: SERVER, CLIENT or AUTO (CLIENT before the first {@link #setMode}). */
  public synchronized Mode mode() {
    return mode;
  }

  /** What the node is now: SERVER or CLIENT. */
  public synchronized Mode effectiveMode() {
    return effective;
  }

  /** Stops following reachability; the transport keeps serving or not as it does now. */
  @Override
  public void dispose() {
    reachability.dispose();
  }

  @Override
  public boolean isDisposed() {
    return reachability.isDisposed();
  }

  private synchronized void onReachability(TransportEvent.ReachabilityChanged event) {
    if (mode == Mode.AUTO && !reachability.isDisposed()) {
      apply(event.publiclyReachable() ? Mode.SERVER : Mode.CLIENT);
    }
  }

  /**
   * Serves or stops serving if {@code target} differs from the current state (or nothing was
   * applied yet).
   */
  private void apply(Mode target) {
    if (applied && target == effective) {
      return;
    }
    transport.serve(target == Mode.SERVER ? handler : null);
    applied = true;
    if (target != effective) {
      effective = target;
      events.accept(new DhtEvent.ModeChanged(target));
    }
  }
}
