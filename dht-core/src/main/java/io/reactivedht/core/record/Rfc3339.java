package io.reactivedht.core.record;

import io.reactivedht.core.multiformats.DecodingException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The RFC 3339 timestamps of {@code Record.timeReceived} and IPNS validity. Written as js does
 * (UTC, exactly nine fraction digits, {@code Z}), which go and js both parse; read leniently: zero
 * to nine fraction digits and {@code Z} or a numeric offset.
 */
public final class Rfc3339 {
  private static final DateTimeFormatter WRITE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final int MAX_LENGTH = 64;

  private Rfc3339() {}

  /**
   * {@code 2025-01-01T00:00:00.000000000Z}.
   *
   * @param instant the time to write, in years 0000 to 9999 (the range RFC 3339 can express)
   * @return the UTC timestamp with nine fraction digits, 30 characters for such years
   */
  public static String format(Instant instant) {
    return WRITE.format(instant);
  }

  /**
   * Parses an RFC 3339 date-time.
   *
   * @param text the timestamp, at most 64 characters, with {@code Z} or a numeric offset
   * @return the instant it denotes
   * @throws DecodingException if it is not one, or is longer than 64 characters
   */
  public static Instant parse(String text) {
    if (text.length() > MAX_LENGTH) {
      throw new DecodingException("rfc3339: longer than " + MAX_LENGTH + " characters");
    }
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new DecodingException("rfc3339: cannot parse '" + text + "'", e);
    }
  }
}
