package io.reactivedht.routing.http;

import java.time.Duration;

/**
 * The {@code Cache-Control} values of the spec: results are cached for 5 minutes, no results for 15
 * seconds, and a cache may serve a stale answer for up to 48 hours (the Amino DHT's provider record
 * expiry) while it revalidates or when the service fails. IPNS records are cached for their TTL (60
 * s if it is 0) and served stale while the record is still valid.
 */
final class CachePolicy {
  static final Duration WITH_RESULTS = Duration.ofMinutes(5);
  static final Duration WITHOUT_RESULTS = Duration.ofSeconds(15);
  static final Duration MAX_STALE = Duration.ofDays(2);
  static final Duration DEFAULT_IPNS_TTL = Duration.ofSeconds(60);

  private CachePolicy() {}

  /** For a list of records: long when there are some, short when there are none. */
  static String forResults(boolean found) {
    return header(found ? WITH_RESULTS : WITHOUT_RESULTS, MAX_STALE);
  }

  /** For an IPNS record with the given TTL that stays valid for {@code remaining}. */
  static String forIpnsRecord(Duration ttl, Duration remaining) {
    Duration maxAge = ttl.toSeconds() > 0 ? ttl : DEFAULT_IPNS_TTL;
    return header(maxAge, remaining.isNegative() ? Duration.ZERO : remaining);
  }

  private static String header(Duration maxAge, Duration stale) {
    return "public, max-age="
        + maxAge.toSeconds()
        + ", stale-while-revalidate="
        + stale.toSeconds()
        + ", stale-if-error="
        + stale.toSeconds();
  }
}
