package io.reactivedht.cli;

/** A failure the user can act on, reported as the one line {@code dht: <argument>: <reason>}. */
final class CliException extends RuntimeException {
  private final String argument;

  /**
   * @param argument the option or parameter at fault, e.g. {@code --bootstrap} or {@code CID}
   * @param reason what went wrong, one line
   */
  CliException(String argument, String reason) {
    super(reason);
    this.argument = argument;
  }

  /** The option or parameter at fault. */
  String argument() {
    return argument;
  }
}
