package io.reactivedht.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dht} command: the entry point of {@code bin/dht}. */
@Command(
    name = "dht",
    mixinStandardHelpOptions = true,
    version = "reactive-dht 0.1.0",
    description = "A libp2p Kademlia DHT node and toolkit.",
    subcommands = {DemoCommand.class, SimulateCommand.class})
public final class DhtCommand implements Runnable {
  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new DhtCommand()).execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
