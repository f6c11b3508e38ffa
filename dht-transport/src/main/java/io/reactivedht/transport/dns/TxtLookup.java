package io.reactivedht.transport.dns;

import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Mono;

/** Looks up the TXT records of a DNS name. */
@FunctionalInterface
public interface TxtLookup {
  /**
   * The TXT records of {@code name}, each as one string (its character-strings joined); empty when
   * the name has none. May fail (unknown name, timeout): {@link DnsaddrResolver} treats a failure
   * as no records.
   */
  Mono<List<String>> txt(String name);

  /**
   * The system's DNS servers through the JDK's JNDI DNS provider; each lookup runs on {@code
   * Schedulers.boundedElastic()} (it blocks) and fails after {@code timeout}.
   */
  static TxtLookup jndi(Duration timeout) {
    return new JndiTxtLookup(timeout);
  }
}
