package io.reactivedht.cli;

import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import reactor.core.publisher.Hooks;

/** The {@code dht} command: the entry point of {@code bin/dht}. */
@Command(
    name = "dht",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "A libp2p Kademlia DHT node and toolkit.",
      "One-shot commands join the network through --bootstrap as a client, do one thing and exit: 0 on success, "
          + "1 if it failed, 2 for a bad command line, with a one-line error on stderr."
    },
    subcommands = {
      DaemonCommand.class,
      DemoCommand.class,
      SimulateCommand.class,
      FindProvidersCommand.class,
      ProvideCommand.class,
      FindPeerCommand.class,
      ClosestPeersCommand.class,
      GetCommand.class,
      PutCommand.class,
      IpnsCommand.class,
      CommandLine.HelpCommand.class
    })
public final class DhtCommand implements Runnable {
  private static final Logger LOG = Logger.getLogger(DhtCommand.class.getName());

  static {
    // A cancelled lookup resets its in-flight streams, whose late errors reach no subscriber:
    // expected, not news.
    Hooks.onErrorDropped(e -> LOG.log(Level.FINE, "error after cancellation", e));
  }

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    NodeOptions.enableLogging(Level.WARNING);
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line with the converters and the one-line error handlers; tests run commands
   * through it.
   */
  public static CommandLine commandLine() {
    CommandLine commandLine =
        new CommandLine(new DhtCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    Errors errors = new Errors();
    return Converters.register(commandLine)
        .setParameterExceptionHandler(errors)
        .setExecutionExceptionHandler(errors);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
