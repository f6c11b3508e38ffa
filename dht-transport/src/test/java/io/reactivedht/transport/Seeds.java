package io.reactivedht.transport;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Seeded randomness for tests: the same keys on every run. */
public final class Seeds {
  private Seeds() {}

  /** A deterministic SecureRandom. */
  public static SecureRandom random(long seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed);
      return random;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
