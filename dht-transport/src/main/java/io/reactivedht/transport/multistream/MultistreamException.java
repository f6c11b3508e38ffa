package io.reactivedht.transport.multistream;

import io.reactivedht.core.multiformats.DecodingException;

/**
 * A negotiation that failed: a malformed or oversized line, a wrong header, or no protocol in
 * common.
 */
public class MultistreamException extends DecodingException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what went wrong
   */
  public MultistreamException(String message) {
    super(message);
  }
}
