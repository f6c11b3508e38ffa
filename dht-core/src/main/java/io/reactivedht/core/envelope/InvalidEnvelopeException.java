package io.reactivedht.core.envelope;

import io.reactivedht.core.multiformats.DecodingException;

/**
 * A well-formed envelope whose signature does not verify with its key for the expected domain: forged, altered,
 * or signed for another purpose. Malformed bytes raise a plain {@link DecodingException} instead.
 */
public class InvalidEnvelopeException extends DecodingException {
  private static final long serialVersionUID = 1L;

  /** @param message what did not verify */
  public InvalidEnvelopeException(String message) {
    super(message);
  }
}
