package io.reactivedht.reactor.routing;

import io.reactivedht.core.peer.PeerId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** No bootstrap peer could be reached, so the node could not join the network through them. */
public final class BootstrapException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Map<PeerId, String> failures;

  /**
   * @param failures each bootstrap peer tried, in order, and why it could not be reached
   */
  public BootstrapException(Map<PeerId, String> failures) {
    super(
        "bootstrap failed: none of the "
            + failures.size()
            + " bootstrap peers answered ("
            + failures.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("; "))
            + ")");
    this.failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
  }

  /**
   * Each bootstrap peer tried, in order, and why it could not be reached.
   *
   * @return an unmodifiable map from peer to reason, e.g. a timeout or the exception's message
   */
  public Map<PeerId, String> failures() {
    return failures;
  }
}
