package io.reactivedht.transport.autonat;

import io.reactivedht.core.multiaddr.Multiaddr;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A DIAL_RESPONSE message.
 *
 * @param status the outcome
 * @param statusText a human-readable detail (may be empty)
 * @param address the address the server dialed successfully; set exactly when {@code status} is
 *     {@link Status#OK}
 */
public record DialResponse(Status status, String statusText, @Nullable Multiaddr address) {
  /** The outcome of a dial-back, with the spec's wire values. */
  public enum Status {
    /** Dialed back at {@link DialResponse#address()}. */
    OK(0),
    /** Tried every acceptable address and none worked. */
    E_DIAL_ERROR(100),
    /** Would not dial (no acceptable address, too busy, rate limited). */
    E_DIAL_REFUSED(101),
    /** The request was malformed or not about the asker. */
    E_BAD_REQUEST(200),
    /** The server failed in some other way. */
    E_INTERNAL_ERROR(300);

    private final int code;

    Status(int code) {
      this.code = code;
    }

    /** The protobuf enum value. */
    public int code() {
      return code;
    }
  }

  /** Checks that an OK carries an address and nothing else does. */
  public DialResponse {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(statusText, "statusText");
    if ((status == Status.OK) != (address != null)) {
      throw new IllegalArgumentException(
          "an address comes with OK and only with OK: " + status + " " + address);
    }
  }

  /** OK, dialed at {@code address}. */
  public static DialResponse ok(Multiaddr address) {
    return new DialResponse(Status.OK, "OK", address);
  }

  /** A failure status with a reason. */
  public static DialResponse failure(Status status, String text) {
    return new DialResponse(status, text, null);
  }
}
