package io.reactivedht.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** The daemon's HTTP service options (a picocli mixin): where to serve, and whether publicly. */
final class HttpOptions {
  private static final Pattern HOST_PORT = Pattern.compile("(\\[[^]]+]|[^:\\[\\]]+):(\\d{1,5})");

  @Spec(Spec.Target.MIXEE)
  @Nullable CommandSpec command;

  @Option(
      names = "--http",
      paramLabel = "HOST:PORT",
      converter = Address.class,
      description = {
        "serve HTTP on HOST:PORT, e.g. 127.0.0.1:8080 (port 0: any free port; the ready line names "
            + "the URL): the Delegated Routing V1 API under /routing/v1 (providers, peers, IPNS, "
            + "closest peers), /dht/v1/closest-peers and /dht/v1/values for the one-shots' --api, "
            + "GET /metrics (Prometheus text) and GET /health (JSON; 200 UP, 503 DOWN while the "
            + "routing table is empty). With --datastore the URL is written to DIR/api for the "
            + "one-shots to find, and removed at shutdown.",
        "There is no authentication: anyone who reaches the port can make the node search and "
            + "publish IPNS records. Only loopback addresses are accepted unless --http-public is "
            + "given."
      })
  @Nullable InetSocketAddress http;

  @Option(
      names = "--http-public",
      description =
          "allow --http on an address other than loopback (e.g. 0.0.0.0:8080): the API has no "
              + "authentication, so put it behind a proxy or firewall that decides who may use it")
  boolean allowPublic;

  /**
   * The address to serve on, or null without {@code --http}.
   *
   * @throws ParameterException naming {@code --http} if the address is not loopback and {@code
   *     --http-public} was not given
   */
  @Nullable InetSocketAddress checkedAddress() {
    if (http == null) {
      return null;
    }
    String refusal = refusal(http, allowPublic);
    if (refusal != null) {
      CommandSpec spec = Objects.requireNonNull(command, "a mixin has its command");
      throw new ParameterException(spec.commandLine(), refusal, spec.findOption("--http"), null);
    }
    return http;
  }

  /** Why {@code address} may not be served on, or null if it may. */
  static @Nullable String refusal(InetSocketAddress address, boolean allowPublic) {
    if (allowPublic || address.getAddress().isLoopbackAddress()) {
      return null;
    }
    return address.getAddress().getHostAddress()
        + " is not a loopback address, and the HTTP API has no authentication: "
        + "give --http-public to serve it beyond this machine anyway";
  }

  /** The base URL a client uses for a server bound to {@code bound}. */
  static String baseUrl(InetSocketAddress bound) {
    InetAddress address = bound.getAddress();
    String host = address.getHostAddress();
    if (address.isAnyLocalAddress()) {
      host = "127.0.0.1"; // bound everywhere: this machine reaches it on loopback
    } else if (host.contains(":")) {
      int zone = host.indexOf('%');
      host = "[" + (zone < 0 ? host : host.substring(0, zone)) + "]";
    }
    return "http://" + host + ":" + bound.getPort();
  }

  /** {@code HOST:PORT}: an IPv4 address, {@code [IPv6]} or a host name, and a port 0 to 65535. */
  static final class Address implements ITypeConverter<InetSocketAddress> {
    @Override
    public InetSocketAddress convert(String text) {
      Matcher m = HOST_PORT.matcher(text.trim());
      if (!m.matches()) {
        throw new TypeConversionException(
            "'" + text + "' is not HOST:PORT (examples: 127.0.0.1:8080, [::1]:8080, localhost:0)");
      }
      int port = Integer.parseInt(m.group(2));
      if (port > 65535) {
        throw new TypeConversionException("'" + text + "': port " + port + " is above 65535");
      }
      String host = m.group(1);
      if (host.startsWith("[")) {
        host = host.substring(1, host.length() - 1);
      }
      try {
        return new InetSocketAddress(InetAddress.getByName(host), port);
      } catch (UnknownHostException e) {
        throw new TypeConversionException("'" + text + "': unknown host " + host);
      }
    }
  }
}
