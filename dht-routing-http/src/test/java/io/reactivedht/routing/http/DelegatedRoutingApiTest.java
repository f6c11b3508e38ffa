package io.reactivedht.routing.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.ipns.IpnsName;
import io.reactivedht.core.ipns.IpnsRecord;
import io.reactivedht.core.key.Key;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.multiformats.Multibase;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.record.Record;
import io.reactivedht.reactor.Dht;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every endpoint of the API against the in-memory swarm, with the spec's status codes and headers,
 * served as {@link DelegatedRoutingApi#httpHandler()} by a bare reactor-netty {@code HttpServer}
 * (no Spring application context).
 */
class DelegatedRoutingApiTest extends RoutingTestSupport {
  private static final MediaType IPNS = DelegatedRoutingApi.IPNS_RECORD;
  private static final String FOUND =
      "public, max-age=300, stale-while-revalidate=172800, stale-if-error=172800";
  private static final String NOTHING =
      "public, max-age=15, stale-while-revalidate=172800, stale-if-error=172800";

  private WebTestClient client;
  private final JsonMapper json = JsonMapper.builder().build();

  @BeforeEach
  void client() {
    client = WebTestClient.bindToServer().baseUrl(baseUrl()).responseTimeout(TIMEOUT).build();
  }

  @Test
  void providersStreamAsNdjsonOneValidPeerRecordPerLine() {
    Cid cid = freshCid();
    Dht a = nodes().get(3);
    Dht b = nodes().get(7);
    a.provide(cid).block(TIMEOUT);
    b.provide(cid).block(TIMEOUT);

    EntityExchangeResult<String> result =
        client
            .get()
            .uri("/routing/v1/providers/{cid}", cid)
            .accept(MediaType.APPLICATION_NDJSON)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
            .expectHeader()
            .valueEquals(HttpHeaders.CACHE_CONTROL, FOUND)
            .expectHeader()
            .valueEquals(HttpHeaders.VARY, HttpHeaders.ACCEPT)
            .expectBody(String.class)
            .returnResult();

    assertLastModifiedIsNow(result.getResponseHeaders());
    String body = result.getResponseBody();
    assertThat(body).endsWith("\n");
    List<Map<String, Object>> lines = body.lines().map(this::parse).toList();
    assertThat(lines).hasSize(2);
    for (Map<String, Object> line : lines) {
      assertPeerRecord(line);
    }
    assertThat(lines)
        .extracting(l -> l.get("ID"))
        .containsExactlyInAnyOrder(a.localPeer().toString(), b.localPeer().toString());
  }

  @Test
  void providersAsJsonAreCollectedUnderProviders() {
    Cid cid = freshCid();
    Dht a = nodes().get(1);
    a.provide(cid).block(TIMEOUT);

    String body =
        client
            .get()
            .uri("/routing/v1/providers/{cid}", cid)
            .accept(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
            .expectHeader()
            .valueEquals(HttpHeaders.CACHE_CONTROL, FOUND)
            .expectHeader()
            .valueEquals(HttpHeaders.VARY, HttpHeaders.ACCEPT)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

    Map<String, Object> response = parse(body);
    assertThat(response).containsOnlyKeys("Providers");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> providers = (List<Map<String, Object>>) response.get("Providers");
    assertThat(providers).hasSize(1);
    assertPeerRecord(providers.get(0));
    assertThat(providers.get(0).get("ID")).isEqualTo(a.localPeer().toString());
    assertThat(providers.get(0).get("Addrs"))
        .isEqualTo(List.of(swarm.addressesOf(a.localPeer()).get(0).toString()));
  }

  @Test
  void noAcceptHeaderMeansJsonAndAWildcardToo() {
    Cid cid = freshCid();
    nodes().get(2).provide(cid).block(TIMEOUT);
    client
        .get()
        .uri("/routing/v1/providers/{cid}", cid)
        .accept(MediaType.parseMediaType("text/html"), MediaType.ALL)
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
        .expectBody()
        .jsonPath("$.Providers.length()")
        .isEqualTo(1);
    client
        .get()
        .uri("/routing/v1/providers/{cid}", cid)
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_JSON);
  }

  @Test
  void ndjsonIsPreferredWhenTheClientListsBoth() {
    Cid cid = freshCid();
    nodes().get(5).provide(cid).block(TIMEOUT);
    client
        .get()
        .uri("/routing/v1/providers/{cid}", cid)
        .header(HttpHeaders.ACCEPT, "application/x-ndjson, application/json;q=0.8")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON);
  }

  @Test
  void anUnknownCidIsAnEmptyListCachedBriefly() {
    Cid cid = freshCid();
    // IPIP-0513: 200 with an empty result, not 404
    client
        .get()
        .uri("/routing/v1/providers/{cid}", cid)
        .accept(MediaType.APPLICATION_JSON)
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals(HttpHeaders.CACHE_CONTROL, NOTHING)
        .expectHeader()
        .valueEquals(HttpHeaders.VARY, HttpHeaders.ACCEPT)
        .expectBody()
        .json("{\"Providers\":[]}", true);
    client
        .get()
        .uri("/routing/v1/providers/{cid}", cid)
        .accept(MediaType.APPLICATION_NDJSON)
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
        .expectHeader()
        .valueEquals(HttpHeaders.CACHE_CONTROL, NOTHING)
        .expectBody()
        .isEmpty();
  }

  @Test
  void aGarbageCidIsABadRequest() {
    client
        .get()
        .uri("/routing/v1/providers/not-a-cid")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody(String.class)
        .value(b -> assertThat(b).startsWith("unable to parse CID"));
  }

  @Test
  void anUnacceptableMediaTypeIs406() {
    client
        .get()
        .uri("/routing/v1/providers/{cid}", freshCid())
        .accept(MediaType.TEXT_HTML)
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.NOT_ACCEPTABLE);
  }

  @Test
  void aPeerIsFoundByItsIdInEitherTextForm() {
    Dht target = nodes().get(9);
    PeerId id = target.localPeer();
    Multiaddr address = swarm.addressesOf(id).get(0);
    for (String text :
        List.of(
            id.toString(), id.toCidString(Multibase.BASE36), id.toCidString(Multibase.BASE32))) {
      client
          .get()
          .uri("/routing/v1/peers/{id}", text)
          .accept(MediaType.APPLICATION_JSON)
          .exchange()
          .expectStatus()
          .isOk()
          .expectHeader()
          .valueEquals(HttpHeaders.CACHE_CONTROL, FOUND)
          .expectBody()
          .json(
              "{\"Peers\":[{\"Schema\":\"peer\",\"ID\":\""
                  + id
                  + "\",\"Addrs\":[\""
                  + address
                  + "\"],\"Protocols\":[]}]}",
              true);
    }
    String line =
        client
            .get()
            .uri("/routing/v1/peers/{id}", id)
            .accept(MediaType.APPLICATION_NDJSON)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(line)
        .isEqualTo(
            "{\"Schema\":\"peer\",\"ID\":\""
                + id
                + "\",\"Addrs\":[\""
                + address
                + "\"],\"Protocols\":[]}\n");
  }

  @Test
  void anUnknownPeerIsAnEmptyListAndAGarbageIdABadRequest() {
    PeerId stranger = PeerId.fromPublicKey(newKey().publicKey());
    client
        .get()
        .uri("/routing/v1/peers/{id}", stranger)
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals(HttpHeaders.CACHE_CONTROL, NOTHING)
        .expectBody()
        .json("{\"Peers\":[]}", true);
    client.get().uri("/routing/v1/peers/garbage").exchange().expectStatus().isBadRequest();
  }

  @Test
  void anIpnsRecordPublishedByAnotherNodeIsServedWithItsCacheHeaders() {
    Ed25519PrivateKey key = newKey();
    IpnsName name = new IpnsName(PeerId.fromPublicKey(key.publicKey()));
    IpnsRecord record =
        ipnsRecord(key, "/ipfs/bafkreihfg3d7rdltd43u3tfvncx7n5loqofbsobojcadtmokrljfthuc7y", 1);
    nodes().get(4).putValue(name.routingKey(), record.encode()).block(TIMEOUT);

    EntityExchangeResult<byte[]> result =
        client
            .get()
            .uri("/routing/v1/ipns/{name}", name)
            .accept(IPNS)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType(IPNS)
            .expectHeader()
            .valueEquals(HttpHeaders.VARY, HttpHeaders.ACCEPT)
            .expectHeader()
            .valueEquals(
                HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"" + name + ".ipns-record\"")
            .expectBody(byte[].class)
            .returnResult();

    assertThat(result.getResponseBody()).isEqualTo(record.encode());
    HttpHeaders headers = result.getResponseHeaders();
    String cacheControl = headers.getCacheControl();
    assertThat(cacheControl).startsWith("public, max-age=42, stale-while-revalidate=");
    long stale =
        Long.parseLong(cacheControl.replaceAll(".*stale-while-revalidate=(\\d+),.*", "$1"));
    assertThat(stale)
        .isBetween(Duration.ofDays(1).minusMinutes(2).toSeconds(), Duration.ofDays(1).toSeconds());
    assertThat(cacheControl).endsWith("stale-if-error=" + stale);
    assertThat(headers.getExpires()).isEqualTo(record.validity().toEpochMilli() / 1000 * 1000);
    assertThat(headers.getETag()).matches("\"[0-9a-f]{32}\"");
    assertLastModifiedIsNow(headers);
  }

  @Test
  void anIpnsNameWithoutRecordIsA200ThatIsNotARecord() {
    IpnsName name = new IpnsName(PeerId.fromPublicKey(newKey().publicKey()));
    // IPIP-0513: any content type but application/vnd.ipfs.ipns-record means "no record"
    client
        .get()
        .uri("/routing/v1/ipns/{name}", name)
        .accept(IPNS)
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
        .expectHeader()
        .valueEquals(HttpHeaders.CACHE_CONTROL, NOTHING);
  }

  @Test
  void ipnsGetNeedsTheRecordMediaTypeAndAName() {
    IpnsName name = new IpnsName(PeerId.fromPublicKey(newKey().publicKey()));
    client
        .get()
        .uri("/routing/v1/ipns/{name}", name)
        .accept(MediaType.APPLICATION_JSON)
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.NOT_ACCEPTABLE);
    client
        .get()
        .uri("/routing/v1/ipns/not-a-name")
        .accept(IPNS)
        .exchange()
        .expectStatus()
        .isBadRequest();
  }

  @Test
  void aPutRecordIsPublishedAndServedAndANewerOneReplacesIt() {
    Ed25519PrivateKey key = newKey();
    IpnsName name = new IpnsName(PeerId.fromPublicKey(key.publicKey()));
    IpnsRecord first = ipnsRecord(key, "/ipfs/bafkreiaaaa", 1);
    IpnsRecord second = ipnsRecord(key, "/ipfs/bafkreibbbb", 2);

    put(name, first.encode()).expectStatus().isOk();
    assertThat(getRecord(name)).isEqualTo(first.encode());
    put(name, second.encode()).expectStatus().isOk();
    assertThat(getRecord(name)).isEqualTo(second.encode());
    put(name, first.encode()).expectStatus().isEqualTo(HttpStatus.CONFLICT);

    // published in the DHT, not only kept by the service's node
    Record fromNetwork = nodes().get(6).getValue(name.routingKey(), 3).block(TIMEOUT);
    assertThat(fromNetwork.value()).isEqualTo(second.encode());
  }

  @Test
  void aTamperedOrForeignRecordIsRejected() {
    Ed25519PrivateKey key = newKey();
    IpnsName name = new IpnsName(PeerId.fromPublicKey(key.publicKey()));
    byte[] tampered = ipnsRecord(key, "/ipfs/bafkreiaaaa", 1).encode();
    int at = indexOf(tampered, "bafkreiaaaa".getBytes(StandardCharsets.UTF_8));
    tampered[at + 7] = 'z'; // the V1 value, which must match the signed data
    byte[] foreign = ipnsRecord(newKey(), "/ipfs/bafkreiaaaa", 1).encode();

    for (byte[] body : List.of(tampered, foreign, new byte[] {1, 2, 3}, new byte[0])) {
      put(name, body)
          .expectStatus()
          .isBadRequest()
          .expectBody(String.class)
          .value(b -> assertThat(b).startsWith("provided record is invalid"));
    }
    put(name, new byte[IpnsRecord.MAX_SIZE + 1]).expectStatus().isBadRequest();
    client
        .put()
        .uri("/routing/v1/ipns/{name}", name)
        .contentType(MediaType.APPLICATION_OCTET_STREAM)
        .bodyValue(ipnsRecord(key, "/ipfs/bafkreiaaaa", 1).encode())
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.NOT_ACCEPTABLE);
    // nothing was stored
    client
        .get()
        .uri("/routing/v1/ipns/{name}", name)
        .accept(IPNS)
        .exchange()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.TEXT_PLAIN);
  }

  @Test
  void closestPeersAreTheDhtNodesNearestTheKeyClosestFirst() {
    PeerId target = nodes().get(8).localPeer();
    Set<String> everyone =
        Stream.concat(nodes().stream(), Stream.of(service))
            .map(d -> d.localPeer().toString())
            .collect(Collectors.toSet());

    String body =
        client
            .get()
            .uri("/routing/v1/dht/closest/peers/{key}", target.toCidString(Multibase.BASE32))
            .accept(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .valueEquals(HttpHeaders.CACHE_CONTROL, FOUND)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> peers = (List<Map<String, Object>>) parse(body).get("Peers");
    assertThat(peers).hasSizeGreaterThanOrEqualTo(nodes().size() - 1);
    peers.forEach(this::assertPeerRecord);
    List<PeerId> ids = peers.stream().map(p -> PeerId.parse((String) p.get("ID"))).toList();
    assertThat(ids).allMatch(id -> everyone.contains(id.toString())).doesNotHaveDuplicates();
    Key key = Key.of(target.bytes());
    assertThat(ids).isSortedAccordingTo((x, y) -> key.compareDistance(x.key(), y.key()));

    client
        .get()
        .uri("/routing/v1/dht/closest/peers/{key}?count=3", target)
        .accept(MediaType.APPLICATION_NDJSON)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(b -> assertThat(b.lines()).hasSize(3));
  }

  @Test
  void closestPeersTakeACidToo_andRejectBadInput() {
    Cid cid = freshCid();
    client
        .get()
        .uri("/routing/v1/dht/closest/peers/{key}", cid)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.Peers.length()")
        .value(n -> assertThat((Integer) n).isPositive());
    client
        .get()
        .uri("/routing/v1/dht/closest/peers/nonsense")
        .exchange()
        .expectStatus()
        .isBadRequest();
    client
        .get()
        .uri("/routing/v1/dht/closest/peers/{key}?count=0", cid)
        .exchange()
        .expectStatus()
        .isBadRequest();
    client
        .get()
        .uri("/routing/v1/dht/closest/peers/{key}?count=101", cid)
        .exchange()
        .expectStatus()
        .isBadRequest();
  }

  @Test
  void otherPathsAre400AndUnsupportedMethods501() {
    client.get().uri("/routing/v1/nothing-here").exchange().expectStatus().isBadRequest();
    client
        .put()
        .uri("/routing/v1/providers")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{}")
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.NOT_IMPLEMENTED);
    client
        .delete()
        .uri("/routing/v1/ipns/{name}", new IpnsName(PeerId.fromPublicKey(newKey().publicKey())))
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.NOT_IMPLEMENTED);
  }

  @Test
  void browsersGetCorsHeaders() {
    client
        .options()
        .uri("/routing/v1/providers/{cid}", freshCid())
        .header(HttpHeaders.ORIGIN, "https://example.org")
        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
        .expectHeader()
        .value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, m -> assertThat(m).contains("GET", "PUT"));
    client
        .get()
        .uri("/routing/v1/providers/{cid}", freshCid())
        .header(HttpHeaders.ORIGIN, "https://example.org")
        .exchange()
        .expectHeader()
        .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
  }

  private WebTestClient.ResponseSpec put(IpnsName name, byte[] body) {
    return client
        .put()
        .uri("/routing/v1/ipns/{name}", name)
        .contentType(IPNS)
        .bodyValue(body)
        .exchange();
  }

  private byte[] getRecord(IpnsName name) {
    return client
        .get()
        .uri("/routing/v1/ipns/{name}", name)
        .accept(IPNS)
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentType(IPNS)
        .expectBody(byte[].class)
        .returnResult()
        .getResponseBody();
  }

  private void assertPeerRecord(Map<String, Object> record) {
    assertThat(record).containsOnlyKeys("Schema", "ID", "Addrs", "Protocols");
    assertThat(record.get("Schema")).isEqualTo("peer");
    assertThat((String) record.get("ID")).startsWith("12D3KooW");
    PeerId.parse((String) record.get("ID"));
    @SuppressWarnings("unchecked")
    List<String> addrs = (List<String>) record.get("Addrs");
    assertThat(addrs)
        .isNotEmpty()
        .allSatisfy(a -> assertThat(Multiaddr.parse(a).toString()).isEqualTo(a));
    assertThat(record.get("Protocols")).isEqualTo(List.of());
  }

  private Map<String, Object> parse(String text) {
    return json.readValue(text, new TypeReference<Map<String, Object>>() {});
  }

  private static void assertLastModifiedIsNow(HttpHeaders headers) {
    String lastModified = headers.getFirst(HttpHeaders.LAST_MODIFIED);
    ZonedDateTime time = ZonedDateTime.parse(lastModified, DateTimeFormatter.RFC_1123_DATE_TIME);
    assertThat(Duration.between(time.toInstant(), java.time.Instant.now()).abs())
        .isLessThan(Duration.ofMinutes(1));
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }
}
