package io.reactivedht.cli;

import io.reactivedht.testkit.sim.Formation;
import io.reactivedht.testkit.sim.Simulation;
import io.reactivedht.testkit.sim.SimulationOptions;
import io.reactivedht.testkit.sim.SimulationReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dht simulate}: the simulation runner, for capacity planning and for choosing parameters.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Simulate a DHT network in memory (virtual time) and measure lookups, gets and provider searches.",
      "A line per phase on stderr shows the progress when stderr is a terminal, not with --json."
    })
final class SimulateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--nodes",
      defaultValue = "1000",
      description = "DHT servers in the network (default ${DEFAULT-VALUE})")
  int nodes;

  @Option(
      names = "--lookups",
      defaultValue = "200",
      description = "lookups to measure (default ${DEFAULT-VALUE})")
  int lookups;

  @Option(
      names = "--gets",
      defaultValue = "50",
      description = "put/get pairs to measure (default ${DEFAULT-VALUE})")
  int gets;

  @Option(
      names = "--provides",
      defaultValue = "50",
      description = "provide/find-providers pairs to measure (default ${DEFAULT-VALUE})")
  int provides;

  @Option(
      names = "--k",
      defaultValue = "20",
      description = "bucket size and replication (default ${DEFAULT-VALUE})")
  int k;

  @Option(
      names = "--alpha",
      defaultValue = "10",
      description = "lookup concurrency (default ${DEFAULT-VALUE})")
  int alpha;

  @Option(
      names = "--beta",
      defaultValue = "3",
      description =
          "early termination after the beta closest answered; 0 = off (default ${DEFAULT-VALUE})")
  int beta;

  @Option(
      names = "--disjoint-paths",
      defaultValue = "0",
      description = "S/Kademlia disjoint paths; 0 = plain lookups (default ${DEFAULT-VALUE})")
  int disjointPaths;

  @Option(
      names = "--unresponsive",
      defaultValue = "0",
      description = "share of nodes that stop answering, 0 to 1 (default ${DEFAULT-VALUE})")
  double unresponsive;

  @Option(
      names = "--malicious",
      defaultValue = "0",
      description =
          "share of nodes answering with fabricated peers, 0 to 1 (default ${DEFAULT-VALUE})")
  double malicious;

  @Option(
      names = "--sybil",
      defaultValue = "0",
      description =
          "share of nodes that are colluding Sybils placed around victim ids, which the lookups then look"
              + " up, 0 to 1 (default ${DEFAULT-VALUE})")
  double sybil;

  @Option(
      names = "--churn",
      defaultValue = "0",
      description =
          "share of nodes replaced after the network formed, 0 to 1 (default ${DEFAULT-VALUE})")
  double churn;

  @Option(
      names = "--rtt",
      defaultValue = "100",
      description = "median round-trip time in ms (default ${DEFAULT-VALUE})")
  long rttMillis;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "random seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--formation",
      paramLabel = "HOW",
      defaultValue = "bootstrap",
      description =
          "bootstrap: every node joins over the protocol (default); seeded: the routing tables are"
              + " filled from global knowledge as a converged network holds them, then the normal"
              + " maintenance runs (much faster for large networks)")
  Formation formation;

  @Option(names = "--json", description = "print one JSON object instead of a table")
  boolean json;

  @Option(
      names = "--report",
      paramLabel = "FILE.html",
      description =
          "also write one self-contained HTML page: the parameters, the results, and plots of the"
              + " lookup latency CDF, hops and requests per lookup")
  @Nullable Path report;

  @Override
  public Integer call() {
    SimulationOptions options =
        SimulationOptions.defaults()
            .withNodes(nodes)
            .withLookups(lookups)
            .withOperations(gets, provides)
            .withLookupParameters(k, alpha, beta, disjointPaths)
            .withFaults(unresponsive, malicious, churn)
            .withSybil(sybil)
            .withMedianRtt(Duration.ofMillis(rttMillis))
            .withSeed(seed)
            .withFormation(formation);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean showProgress = Progress.shown(Progress.stderrIsTerminal(), json);
    SimulationReport result =
        new Simulation(
                options,
                line -> {
                  if (showProgress) {
                    err.println("[simulate] " + line);
                    err.flush();
                  }
                })
            .run();
    out.print(json ? result.toJson() + System.lineSeparator() : result.toTable());
    out.flush();
    if (report != null) {
      SimulationPage.write(report, options, result);
      err.println("[simulate] wrote " + report);
      err.flush();
    }
    return 0;
  }
}
