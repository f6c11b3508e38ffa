package io.reactivedht.transport.dns;

import io.reactivedht.core.multiaddr.Component;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.multiaddr.Protocol;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Resolves {@code /dnsaddr/<host>[/...]} multiaddrs (multiformats/multiaddr {@code
 * protocols/DNSADDR.md}): the TXT records of {@code _dnsaddr.<host>} of the form {@code
 * dnsaddr=<multiaddr>} are the results, kept only when they end with what followed the host in the
 * address ({@code /p2p/<id>} of the peer being dialed, typically). A result that is itself a {@code
 * /dnsaddr} is resolved in turn. Bounded: at most {@link #MAX_DEPTH} nested lookups, {@link
 * #MAX_LOOKUPS} lookups and {@link #MAX_RESULTS} results per address. Lookup failures (unknown
 * name, timeout) and malformed records count as no records: resolution never fails, it comes back
 * empty.
 */
public final class DnsaddrResolver {
  /** The most nested {@code /dnsaddr} lookups in one resolution (bootstrap.libp2p.io needs two). */
  public static final int MAX_DEPTH = 4;

  /** The most TXT lookups in one resolution. */
  public static final int MAX_LOOKUPS = 32;

  /** The most multiaddrs one resolution returns. */
  public static final int MAX_RESULTS = 32;

  /** How long the system resolver's lookups may take. */
  public static final Duration SYSTEM_TIMEOUT = Duration.ofSeconds(5);

  private static final Logger LOG = Logger.getLogger(DnsaddrResolver.class.getName());
  private static final String PREFIX = "dnsaddr=";
  private static final int CONCURRENT_LOOKUPS = 4;

  private final TxtLookup lookup;

  /** A resolver asking {@code lookup}. */
  public DnsaddrResolver(TxtLookup lookup) {
    this.lookup = lookup;
  }

  /** A resolver asking the system's DNS servers, each lookup bounded by {@link #SYSTEM_TIMEOUT}. */
  public static DnsaddrResolver system() {
    return new DnsaddrResolver(TxtLookup.jndi(SYSTEM_TIMEOUT));
  }

  /**
   * Whether {@code address} starts with {@code /dnsaddr}, i.e. needs {@link #resolve} before it can
   * be dialed.
   */
  public static boolean isDnsaddr(Multiaddr address) {
    return address.components().get(0).protocol() == Protocol.DNSADDR;
  }

  /**
   * The multiaddrs {@code address} stands for, in record order without duplicates, none of them a
   * {@code /dnsaddr}; {@code address} itself when it is no {@code /dnsaddr}. Empty when nothing
   * (usable) was found.
   */
  public Mono<List<Multiaddr>> resolve(Multiaddr address) {
    if (!isDnsaddr(address)) {
      return Mono.just(List.of(address));
    }
    AtomicInteger lookups = new AtomicInteger();
    return expand(address, 1, lookups)
        .distinct()
        .take(MAX_RESULTS)
        .collectList()
        .doOnNext(found -> LOG.fine(() -> address + " resolved to " + found));
  }

  private Flux<Multiaddr> expand(Multiaddr address, int depth, AtomicInteger lookups) {
    if (!isDnsaddr(address)) {
      return Flux.just(address);
    }
    if (depth > MAX_DEPTH) {
      LOG.fine(
          () ->
              "not resolving "
                  + address
                  + ": nested deeper than "
                  + MAX_DEPTH
                  + " /dnsaddr lookups");
      return Flux.empty();
    }
    if (lookups.incrementAndGet() > MAX_LOOKUPS) {
      LOG.fine(() -> "not resolving " + address + ": more than " + MAX_LOOKUPS + " lookups");
      return Flux.empty();
    }
    List<Component> parts = address.components();
    String name = "_dnsaddr." + parts.get(0).valueText();
    List<Component> suffix = parts.subList(1, parts.size());
    return Mono.defer(() -> lookup.txt(name))
        .onErrorResume(
            error -> {
              LOG.log(Level.FINE, () -> "TXT lookup of " + name + " failed: " + error);
              return Mono.just(List.of());
            })
        .flatMapIterable(records -> records)
        .concatMap(record -> Mono.justOrEmpty(parse(name, record)))
        .filter(found -> endsWith(found.components(), suffix))
        .flatMapSequential(found -> expand(found, depth + 1, lookups), CONCURRENT_LOOKUPS);
  }

  /**
   * The multiaddr of a {@code dnsaddr=<multiaddr>} record; empty (and logged) for any other record.
   */
  private static Optional<Multiaddr> parse(String name, String record) {
    if (!record.startsWith(PREFIX)) {
      return Optional.empty(); // other TXT records may share the name
    }
    try {
      return Optional.of(Multiaddr.parse(record.substring(PREFIX.length())));
    } catch (IllegalArgumentException e) {
      LOG.fine(() -> "skipping a malformed record of " + name + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  private static boolean endsWith(List<Component> components, List<Component> suffix) {
    return components.size() >= suffix.size()
        && components.subList(components.size() - suffix.size(), components.size()).equals(suffix);
  }
}
