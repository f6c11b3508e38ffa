package io.reactivedht.cli;

import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.reactor.routing.BootstrapException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * Turns every failure into the one line {@code dht: <argument>: <reason>} on stderr and a non-zero
 * exit.
 */
final class Errors implements IParameterExceptionHandler, IExecutionExceptionHandler {
  /** Exit status of a run that failed (nothing found, a peer unreachable, a timeout). */
  static final int FAILED = 1;

  /** Exit status of a command line that could not be understood. */
  static final int USAGE = 2;

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    String reason =
        e.getCause() instanceof TypeConversionException conversion
            ? conversion.getMessage()
            : e.getMessage();
    String argument = e.getArgSpec() == null ? null : name(e.getArgSpec());
    cmd.getErr().println("dht: " + (argument == null ? "" : argument + ": ") + reason);
    if (!(e.getCause() instanceof TypeConversionException)) {
      cmd.getErr().println("(see dht " + commandPath(cmd) + "--help)");
    }
    cmd.getErr().flush();
    return USAGE;
  }

  @Override
  public int handleExecutionException(
      Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
    cmd.getErr().println("dht: " + describe(e));
    cmd.getErr().flush();
    return FAILED;
  }

  /** {@code <argument>: <reason>} for a failure of a running command. */
  static String describe(Throwable e) {
    Throwable cause = unwrap(e);
    if (cause instanceof CliException cli) {
      return cli.argument() + ": " + cli.getMessage();
    }
    if (cause instanceof BootstrapException bootstrap) {
      return "--bootstrap: no bootstrap peer answered ("
          + bootstrap.failures().entrySet().stream()
              .map(
                  f ->
                      f.getKey()
                          + ": "
                          + f.getValue()
                              .replace("PeerUnreachableException: " + f.getKey() + ": ", ""))
              .collect(Collectors.joining("; "))
          + ")";
    }
    if (cause instanceof TimeoutException) {
      return "--timeout: the operation did not finish in time";
    }
    if (cause instanceof DecodingException || cause instanceof UncheckedIOException) {
      return String.valueOf(cause.getMessage());
    }
    String message = cause.getMessage();
    return message == null
        ? cause.getClass().getSimpleName()
        : cause.getClass().getSimpleName() + ": " + message;
  }

  /** Reactor wraps checked exceptions of a blocking call; show the cause. */
  static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null
        && t.getCause() != t
        && (t.getClass() == RuntimeException.class
            || t.getClass().getName().startsWith("reactor.core.Exceptions"))) {
      t = t.getCause();
    }
    return t;
  }

  private static String name(ArgSpec spec) {
    if (spec instanceof OptionSpec option) {
      return option.longestName();
    }
    return ((PositionalParamSpec) spec).paramLabel();
  }

  private static String commandPath(CommandLine cmd) {
    StringBuilder path = new StringBuilder();
    for (CommandLine c = cmd; c.getParent() != null; c = c.getParent()) {
      path.insert(0, c.getCommandName() + " ");
    }
    return path.toString();
  }
}
