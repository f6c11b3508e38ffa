package io.reactivedht.cli;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.multiaddr.Protocol;
import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for the multiformats types and durations, with one-line reasons. */
final class Converters {
  /** One of the peers behind /dnsaddr/bootstrap.libp2p.io (kubo's default bootstrap list). */
  static final String LIBP2P_BOOTSTRAP_PEER = "QmNnooDu7bfjPFoTZYxMNLWUQJyrVwtbZg5gBMjTezGAJN";

  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private Converters() {}

  /** Registers every converter on {@code commandLine} and its subcommands. */
  static CommandLine register(CommandLine commandLine) {
    return commandLine
        .registerConverter(Cid.class, wrap(Cid::parse))
        .registerConverter(Multiaddr.class, wrap(Multiaddr::parse))
        .registerConverter(PeerId.class, wrap(Converters::peerId))
        .registerConverter(Duration.class, Converters::duration);
  }

  /** A peer id in any text form, also as {@code /p2p/<id>}. */
  static PeerId peerId(String text) {
    return PeerId.parse(text.startsWith("/p2p/") ? text.substring(5) : text);
  }

  /**
   * A positive duration: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 7d}, or
   * ISO-8601 ({@code PT30S}).
   */
  static Duration duration(String text) {
    Duration duration;
    Matcher m = SHORT_DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      duration =
          switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
    } else {
      try {
        duration = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new TypeConversionException(
            "'" + text + "' is not a duration (examples: 500ms, 30s, 2m, 1h, PT30S)");
      }
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new TypeConversionException("'" + text + "' is not a positive duration");
    }
    return duration;
  }

  /**
   * A {@code --bootstrap} address: a multiaddr ending in {@code /p2p/<id>}, also {@code
   * /dnsaddr/<host>/p2p/<id>} (resolved when dialed, for that peer). A {@code /dnsaddr} without the
   * peer id is refused: the id would be known only after resolving, and a bootstrap peer is named
   * before the node runs.
   */
  static final class BootstrapPeer implements ITypeConverter<PeerInfo> {
    @Override
    public PeerInfo convert(String text) {
      Multiaddr address;
      try {
        address = Multiaddr.parse(text);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("'" + text + "': " + e.getMessage());
      }
      PeerId id =
          address
              .peerId()
              .orElseThrow(
                  () ->
                      new TypeConversionException(
                          "'"
                              + text
                              + "': "
                              + (address.has(Protocol.DNSADDR)
                                  ? "a /dnsaddr address needs the peer id too: /dnsaddr/<host>/p2p/<peer id>, "
                                      + "e.g. /dnsaddr/bootstrap.libp2p.io/p2p/"
                                      + LIBP2P_BOOTSTRAP_PEER
                                  : "no /p2p/<peer id> at the end")));
      return new PeerInfo(id, List.of(address.withoutPeerId()));
    }
  }

  private static <T> ITypeConverter<T> wrap(ITypeConverter<T> parse) {
    return text -> {
      try {
        return parse.convert(text);
      } catch (TypeConversionException e) {
        throw e;
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("'" + text + "': " + e.getMessage());
      }
    };
  }
}
