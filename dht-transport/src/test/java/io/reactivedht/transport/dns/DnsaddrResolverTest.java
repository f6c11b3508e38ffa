package io.reactivedht.transport.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.multiaddr.Multiaddr;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * DNSADDR resolution against a fake DNS: the spec's bootstrap example, filtering and the bounds.
 */
class DnsaddrResolverTest {
  private static final String SJC = "QmNnooDu7bfjPFoTZYxMNLWUQJyrVwtbZg5gBMjTezGAJN";
  private static final String AMS = "QmbLHAnMoJPWSCR5Zhtx6BHJX9KiKNN6tpvbUcqanj75Nb";

  /**
   * The TXT records of multiaddr/protocols/DNSADDR.md and today's bootstrap.libp2p.io (with a QUIC
   * address).
   */
  private final FakeDns dns =
      new FakeDns()
          .with(
              "_dnsaddr.bootstrap.libp2p.io",
              "dnsaddr=/dnsaddr/sjc-1.bootstrap.libp2p.io/p2p/" + SJC,
              "dnsaddr=/dnsaddr/ams-2.bootstrap.libp2p.io/p2p/" + AMS)
          .with(
              "_dnsaddr.sjc-1.bootstrap.libp2p.io",
              "dnsaddr=/ip6/2604:1380:1000:6000::1/tcp/4001/p2p/" + SJC,
              "dnsaddr=/ip4/147.75.69.143/tcp/4001/p2p/" + SJC,
              "dnsaddr=/ip4/147.75.69.143/udp/4001/quic-v1/p2p/" + SJC)
          .with(
              "_dnsaddr.ams-2.bootstrap.libp2p.io",
              "dnsaddr=/ip4/147.75.83.83/tcp/4001/ipfs/" + AMS,
              "dnsaddr=/ip6/2604:1380:2000:7a00::1/tcp/4001/ipfs/" + AMS);

  @Test
  void theBootstrapNameResolvesThroughTwoLevelsToEveryAddress() {
    assertThat(resolve("/dnsaddr/bootstrap.libp2p.io"))
        .containsExactly(
            "/ip6/2604:1380:1000:6000::1/tcp/4001/p2p/" + SJC,
            "/ip4/147.75.69.143/tcp/4001/p2p/" + SJC,
            "/ip4/147.75.69.143/udp/4001/quic-v1/p2p/" + SJC,
            "/ip4/147.75.83.83/tcp/4001/p2p/" + AMS,
            "/ip6/2604:1380:2000:7a00::1/tcp/4001/p2p/" + AMS);
    assertThat(dns.asked)
        .containsExactly(
            "_dnsaddr.bootstrap.libp2p.io",
            "_dnsaddr.sjc-1.bootstrap.libp2p.io",
            "_dnsaddr.ams-2.bootstrap.libp2p.io");
  }

  @Test
  void aPeerIdKeepsOnlyThatPeersAddressesAndSkipsTheOtherLookups() {
    assertThat(resolve("/dnsaddr/bootstrap.libp2p.io/p2p/" + AMS))
        .containsExactly(
            "/ip4/147.75.83.83/tcp/4001/p2p/" + AMS,
            "/ip6/2604:1380:2000:7a00::1/tcp/4001/p2p/" + AMS);
    assertThat(dns.asked)
        .containsExactly("_dnsaddr.bootstrap.libp2p.io", "_dnsaddr.ams-2.bootstrap.libp2p.io");
  }

  @Test
  void theSpecsRecordsCarryTheTcpPartBeforeThePeerId() {
    // DNSADDR.md: dnsaddr=/dnsaddr/sjc-1.bootstrap.libp2p.io/tcp/4001/ipfs/QmNnoo...
    dns.with(
        "_dnsaddr.spec.example", "dnsaddr=/dnsaddr/sjc-1.bootstrap.libp2p.io/tcp/4001/ipfs/" + SJC);
    assertThat(resolve("/dnsaddr/spec.example/p2p/" + SJC))
        .containsExactly(
            "/ip6/2604:1380:1000:6000::1/tcp/4001/p2p/" + SJC,
            "/ip4/147.75.69.143/tcp/4001/p2p/" + SJC);
  }

  @Test
  void anUnknownPeerIdFindsNothing() {
    assertThat(
            resolve(
                "/dnsaddr/bootstrap.libp2p.io/p2p/12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA"))
        .isEmpty();
  }

  @Test
  void otherAddressesComeBackAsTheyAre() {
    assertThat(resolve("/ip4/1.2.3.4/tcp/4001/p2p/" + SJC))
        .containsExactly("/ip4/1.2.3.4/tcp/4001/p2p/" + SJC);
    assertThat(resolve("/dns4/example.com/tcp/4001")).containsExactly("/dns4/example.com/tcp/4001");
    assertThat(dns.asked).isEmpty();
  }

  @Test
  void aSelfReferenceStopsAtTheDepthBound() {
    dns.with(
        "_dnsaddr.loop.example", "dnsaddr=/dnsaddr/loop.example", "dnsaddr=/ip4/10.0.0.1/tcp/1");
    assertThat(resolve("/dnsaddr/loop.example")).containsExactly("/ip4/10.0.0.1/tcp/1");
    assertThat(dns.asked).hasSize(DnsaddrResolver.MAX_DEPTH).containsOnly("_dnsaddr.loop.example");
  }

  @Test
  void aChainLongerThanTheDepthBoundFindsNothing() {
    for (int i = 0; i < 5; i++) {
      dns.with("_dnsaddr.n" + i + ".example", "dnsaddr=/dnsaddr/n" + (i + 1) + ".example");
    }
    dns.with("_dnsaddr.n5.example", "dnsaddr=/ip4/10.0.0.1/tcp/1");
    dns.with("_dnsaddr.n2.example2", "dnsaddr=/dnsaddr/n5.example");
    assertThat(resolve("/dnsaddr/n0.example")).isEmpty();
    assertThat(dns.asked)
        .containsExactly(
            "_dnsaddr.n0.example",
            "_dnsaddr.n1.example",
            "_dnsaddr.n2.example",
            "_dnsaddr.n3.example");
    assertThat(resolve("/dnsaddr/n2.example2"))
        .containsExactly("/ip4/10.0.0.1/tcp/1"); // two levels are fine
  }

  @Test
  void atMostMaxResultsComeBack() {
    List<String> records = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      records.add("dnsaddr=/ip4/10.0.0." + i + "/tcp/4001");
    }
    dns.with("_dnsaddr.many.example", records.toArray(String[]::new));
    List<String> found = resolve("/dnsaddr/many.example");
    assertThat(found).hasSize(DnsaddrResolver.MAX_RESULTS);
    assertThat(found.get(0)).isEqualTo("/ip4/10.0.0.0/tcp/4001");
    assertThat(found.get(31)).isEqualTo("/ip4/10.0.0.31/tcp/4001");
  }

  @Test
  void atMostMaxLookupsAreMade() {
    List<String> records = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      records.add("dnsaddr=/dnsaddr/leaf" + i + ".example");
      dns.with("_dnsaddr.leaf" + i + ".example"); // no records
    }
    dns.with("_dnsaddr.fan.example", records.toArray(String[]::new));
    assertThat(resolve("/dnsaddr/fan.example")).isEmpty();
    assertThat(dns.asked).hasSize(DnsaddrResolver.MAX_LOOKUPS);
  }

  @Test
  void malformedAndForeignRecordsAreSkipped() {
    dns.with(
        "_dnsaddr.mixed.example",
        "v=spf1 -all",
        "dnsaddr=",
        "dnsaddr=ip4/1.2.3.4/tcp/1",
        "dnsaddr=/ip4/300.2.3.4/tcp/1",
        "dnsaddr=/nonsense/1",
        "dnsaddr=/ip4/1.2.3.4/tcp",
        "DNSADDR=/ip4/1.2.3.4/tcp/2",
        "dnsaddr=/ip4/1.2.3.4/tcp/3",
        "dnsaddr=/ip4/1.2.3.4/tcp/3");
    assertThat(resolve("/dnsaddr/mixed.example")).containsExactly("/ip4/1.2.3.4/tcp/3");
  }

  @Test
  void lookupFailuresCountAsNoRecords() {
    DnsaddrResolver failing =
        new DnsaddrResolver(name -> Mono.error(new javax.naming.NameNotFoundException(name)));
    StepVerifier.create(failing.resolve(Multiaddr.parse("/dnsaddr/nowhere.example")))
        .expectNext(List.of())
        .verifyComplete();
    DnsaddrResolver throwing =
        new DnsaddrResolver(
            name -> {
              throw new IllegalStateException("broken resolver");
            });
    StepVerifier.create(throwing.resolve(Multiaddr.parse("/dnsaddr/nowhere.example")))
        .expectNext(List.of())
        .verifyComplete();
  }

  @Test
  void aTimedOutSubLookupLosesOnlyItsOwnAddresses() {
    DnsaddrResolver resolver =
        new DnsaddrResolver(
            name ->
                name.startsWith("_dnsaddr.sjc-1")
                    ? Mono.error(new TimeoutException("no answer in 5s"))
                    : dns.txt(name));
    StepVerifier.create(resolver.resolve(Multiaddr.parse("/dnsaddr/bootstrap.libp2p.io")))
        .assertNext(
            found ->
                assertThat(found)
                    .extracting(Object::toString)
                    .containsExactly(
                        "/ip4/147.75.83.83/tcp/4001/p2p/" + AMS,
                        "/ip6/2604:1380:2000:7a00::1/tcp/4001/p2p/" + AMS))
        .expectComplete()
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void jndiCharacterStringsAreJoined() {
    assertThat(JndiTxtLookup.characterStrings("dnsaddr=/ip4/1.2.3.4/tcp/1"))
        .isEqualTo("dnsaddr=/ip4/1.2.3.4/tcp/1");
    assertThat(JndiTxtLookup.characterStrings("dnsaddr=/ip4/1.2.3.4 /tcp/1"))
        .isEqualTo("dnsaddr=/ip4/1.2.3.4/tcp/1");
    assertThat(JndiTxtLookup.characterStrings("\"a b\" \"c\\\"d\" e")).isEqualTo("a bc\"de");
  }

  @Test
  void jndiIsNeverAskedForANameThatIsNotADnsName() {
    TxtLookup jndi = TxtLookup.jndi(Duration.ofSeconds(1));
    for (String name :
        List.of("ldap://attacker.example/a", "rmi://x/y", "_dnsaddr.a b", "dns:/x", "", "a..b")) {
      StepVerifier.create(jndi.txt(name))
          .expectErrorSatisfies(
              e ->
                  assertThat(e)
                      .isInstanceOf(IllegalArgumentException.class)
                      .hasMessageContaining("not a DNS name"))
          .verify(Duration.ofSeconds(5));
    }
  }

  private List<String> resolve(String address) {
    List<Multiaddr> found =
        new DnsaddrResolver(dns).resolve(Multiaddr.parse(address)).block(Duration.ofSeconds(5));
    assertThat(found).isNotNull();
    return found.stream().map(Multiaddr::toString).toList();
  }

  /**
   * A DNS zone of TXT records; unknown names fail as NXDOMAIN does. Records every name asked, in
   * order.
   */
  private static final class FakeDns implements TxtLookup {
    private final Map<String, List<String>> zone = new HashMap<>();
    final List<String> asked = new ArrayList<>();

    FakeDns with(String name, String... records) {
      zone.put(name, List.of(records));
      return this;
    }

    @Override
    public synchronized Mono<List<String>> txt(String name) {
      asked.add(name);
      List<String> records = zone.get(name);
      return records == null
          ? Mono.error(new javax.naming.NameNotFoundException(name))
          : Mono.just(records);
    }
  }
}
