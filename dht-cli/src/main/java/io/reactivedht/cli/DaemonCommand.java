package io.reactivedht.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.record.Record;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.config.Mode;
import io.reactivedht.store.rocksdb.DatastoreException;
import io.reactivedht.store.rocksdb.DatastoreOptions;
import io.reactivedht.store.rocksdb.RocksDatastore;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import reactor.core.publisher.Mono;

/** {@code dht daemon}: run a node until SIGINT/SIGTERM. */
@Command(
    name = "daemon",
    mixinStandardHelpOptions = true,
    description = {
      "Run a DHT node until SIGINT/SIGTERM (Ctrl-C), then close it and its connections.",
      "The first stdout line says the node is ready, with its peer id and the addresses to give others as "
          + "--bootstrap; with --json: {\"event\":\"ready\",\"peerId\":\"...\",\"addrs\":[\"/ip4/.../tcp/.../p2p/...\"]}.",
      "Without --datastore, records and provider records are held in memory only and are lost when the "
          + "daemon stops. With --datastore DIR they are kept on disk (RocksDB), together with the CIDs the "
          + "daemon provides, the records it publishes and its routing table: a restart on the same DIR "
          + "serves what it had, goes on reproviding and republishing, and starts warm from its saved table.",
      "With --http 127.0.0.1:8080 the daemon is also a service: the Delegated Routing V1 API "
          + "(GET /routing/v1/providers/{cid}, /peers/{peer-id}, /ipns/{name}, /dht/closest/peers/{key}, "
          + "PUT /routing/v1/ipns/{name}), GET /metrics in Prometheus text, GET /health as JSON, and "
          + "the daemon-only /dht/v1/closest-peers?key=KEY and /dht/v1/values/{pk|ipns}/<id> that "
          + "the one-shots' --api uses. The ready line adds the URL (\"http\":\"http://127.0.0.1:8080\"), "
          + "and with --datastore DIR it is written to DIR/api, where `dht find-providers --datastore "
          + "DIR` and the other read-only one-shots find it; DIR/api is removed at shutdown. Each "
          + "request searches for at most --timeout. The API has no authentication: it serves "
          + "loopback only unless --http-public is given."
    })
final class DaemonCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin NodeOptions node;

  @Mixin LimitOptions limits;

  @Mixin HttpOptions http;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      defaultValue = "server",
      description = {
        "server: answer DHT requests and enter others' routing tables (default); client: only ask; "
            + "auto: client until AutoNAT (peers dialing back) or a public listen address shows the node is "
            + "reachable, then server, and back"
      })
  Mode mode;

  @Option(
      names = "--datastore",
      paramLabel = "DIR",
      description =
          "a directory for the node's state: DIR/identity.key (created on first run, used unless "
              + "--identity is given) and DIR/records, a RocksDB store of the value and provider records "
              + "held for others, the CIDs this node provides, the records it publishes and its routing "
              + "table (saved every minute and at shutdown)")
  @Nullable Path datastore;

  @Option(
      names = "--sync-writes",
      description =
          "fsync every datastore write: survives power loss, not only a crash of the process "
              + "(slower; without it a write survives kill -9 but the last ones may be lost to power loss)")
  boolean syncWrites;

  @Option(
      names = "--provide",
      paramLabel = "CID",
      description =
          "provide CID once joined (repeatable); reprovided every --reprovide-interval, and with "
              + "--datastore after restarts too")
  List<Cid> provide = new ArrayList<>();

  @Option(
      names = "--publish-ipns",
      paramLabel = "PATH",
      description =
          "publish PATH (/ipfs/<cid>, /ipns/<name> or a CID) under this node's IPNS name once joined, with "
              + "the sequence after the one published last; republished every --republish-interval")
  @Nullable String publishIpns;

  @Option(
      names = "--reprovide-interval",
      paramLabel = "DURATION",
      description = "how often provided CIDs are announced again (default 22h)")
  @Nullable Duration reprovideInterval;

  @Option(
      names = "--republish-interval",
      paramLabel = "DURATION",
      description = "how often published records are put again (default 22h)")
  @Nullable Duration republishInterval;

  @Override
  public Integer call() {
    InetSocketAddress httpAddress = http.checkedAddress();
    Path keyFile = datastore == null ? null : datastore.resolve("identity.key");
    PrivateKey identity = node.identityKey(keyFile);
    String ipnsPath = publishIpns == null ? null : IpnsCommand.Publish.path(publishIpns);
    RocksDatastore store = datastore == null ? null : openDatastore(datastore);
    List<Record> publishedBefore = OwnContent.published(store == null ? null : store.nodeState());
    PrometheusMeterRegistry metrics =
        httpAddress == null ? null : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Node running =
        Node.start(
            identity,
            node.listenOr("/ip4/0.0.0.0/tcp/0"),
            node.protocol,
            mode,
            node.bootstrap,
            node.timeout,
            limits,
            this::intervals,
            store,
            metrics);
    @Nullable DaemonHttp service;
    try {
      service =
          httpAddress == null || metrics == null
              ? null
              : DaemonHttp.start(running, metrics, httpAddress, node.timeout);
    } catch (RuntimeException e) {
      running.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (service != null) {
                    if (datastore != null) {
                      ApiFile.delete(datastore, service.url());
                    }
                    service.close();
                  }
                  running.close();
                  stopped.countDown();
                },
                "dht-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!node.bootstrap.isEmpty() || !running.dht().routingTablePeers().isEmpty()) {
      try {
        running.join().timeout(node.timeout).block();
      } catch (RuntimeException e) {
        err.println(
            "dht: "
                + Errors.describe(e)
                + " (the daemon keeps running and retries every few minutes)");
        err.flush();
      }
    }
    OwnContent.announce(
            running.dht(),
            identity,
            provide,
            ipnsPath,
            publishedBefore,
            failure -> {
              err.println("dht: " + failure);
              err.flush();
            })
        .timeout(node.timeout)
        .onErrorResume(
            e -> {
              // what was announced is in the node's state: the reprovide and republish rounds retry
              err.println("dht: announcing took longer than --timeout; the next round retries");
              err.flush();
              return Mono.empty();
            })
        .block();
    var addrs = running.addresses().stream().map(Object::toString).toList();
    if (service != null && datastore != null) {
      ApiFile.write(datastore, service.url());
    }
    if (node.json) {
      Json ready =
          Json.object()
              .put("event", "ready")
              .put("peerId", running.dht().localPeer().toString())
              .put("addrs", addrs)
              .put("routingTable", running.dht().routingTablePeers().size());
      if (service != null) {
        ready.put("http", service.url());
      }
      out.println(ready);
    } else {
      out.println(
          "ready: peer "
              + running.dht().localPeer()
              + " ("
              + running.dht().mode().name().toLowerCase(java.util.Locale.ROOT)
              + " mode, "
              + running.dht().routingTablePeers().size()
              + " peers in the routing table) at "
              + String.join(" ", addrs)
              + (service == null ? "" : "; HTTP API at " + service.url()));
    }
    out.flush();
    ProvideCommand.awaitUninterruptibly(stopped);
    return 0;
  }

  private DhtOptions intervals(DhtOptions options) {
    DhtOptions tuned = options;
    if (reprovideInterval != null) {
      tuned = tuned.withReprovideInterval(reprovideInterval);
    }
    if (republishInterval != null) {
      tuned = tuned.withRepublishInterval(republishInterval);
    }
    return tuned;
  }

  private RocksDatastore openDatastore(Path dir) {
    try {
      return RocksDatastore.open(
          dir.resolve("records"), DatastoreOptions.DEFAULTS.withSyncWrites(syncWrites));
    } catch (DatastoreException e) {
      throw new CliException("--datastore", String.valueOf(e.getMessage()));
    }
  }
}
