package io.reactivedht.core.envelope;

import io.reactivedht.core.multiformats.DecodingException;

/**
 * A well-formed envelope that does not certify what the receiver expects: its signature does not
 * verify with its key for the expected domain (forged, altered, or signed for another purpose), or,
 * for a {@link PeerRecord}, its payload type is not {@code 03 01} or its signer is not the record's
 * peer. Malformed bytes raise a plain {@link DecodingException} instead.
 */
public class InvalidEnvelopeException extends DecodingException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what did not verify
   */
  public InvalidEnvelopeException(String message) {
    super(message);
  }
}
