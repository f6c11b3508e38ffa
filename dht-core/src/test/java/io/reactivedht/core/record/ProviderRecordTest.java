package io.reactivedht.core.record;

import static io.reactivedht.core.record.StoreFixtures.address;
import static io.reactivedht.core.record.StoreFixtures.peer;
import static io.reactivedht.core.record.StoreFixtures.providerKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.core.multiaddr.Multiaddr;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderRecordTest {
  static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

  @Test
  void equalContentMeansEqualRecords() {
    ProviderRecord a = new ProviderRecord(providerKey(1), peer(1), List.of(address(1)), T);
    ProviderRecord b = new ProviderRecord(providerKey(1), peer(1), List.of(address(1)), T);
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(new ProviderRecord(providerKey(2), peer(1), List.of(address(1)), T));
    assertThat(a).isNotEqualTo(new ProviderRecord(providerKey(1), peer(2), List.of(address(1)), T));
    assertThat(a).isNotEqualTo(new ProviderRecord(providerKey(1), peer(1), List.of(), T));
    assertThat(a)
        .isNotEqualTo(
            new ProviderRecord(providerKey(1), peer(1), List.of(address(1)), T.plusNanos(1)));
  }

  @Test
  void theKeyAndAddressesAreCopied() {
    byte[] key = providerKey(1);
    List<Multiaddr> addresses = new ArrayList<>(List.of(address(1)));
    ProviderRecord r = new ProviderRecord(key, peer(1), addresses, T);
    key[0] = 0;
    addresses.add(address(2));
    r.key()[1] = 0;
    assertThat(r.key()).isEqualTo(providerKey(1));
    assertThat(r.addresses()).containsExactly(address(1));
    assertThatThrownBy(() -> r.addresses().add(address(3)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void addressesCanBeDroppedOrBounded() {
    ProviderRecord r =
        new ProviderRecord(providerKey(1), peer(1), List.of(address(1), address(1), address(2)), T);
    assertThat(r.withoutAddresses())
        .isEqualTo(new ProviderRecord(providerKey(1), peer(1), List.of(), T));
    assertThat(r.withAtMostAddresses(5).addresses()).containsExactly(address(1), address(2));
    assertThat(r.withAtMostAddresses(1).addresses()).containsExactly(address(1));
    ProviderRecord small = new ProviderRecord(providerKey(1), peer(1), List.of(address(1)), T);
    assertThat(small.withAtMostAddresses(1)).isSameAs(small);
  }

  @Test
  void itsSizeIsKeyPeerIdAndBinaryAddresses() {
    // a sha2-256 multihash is 34 bytes; /ip4/a.b.c.d/tcp/n is 1 + 4 + 1 + 2 = 8 bytes
    ProviderRecord r =
        new ProviderRecord(providerKey(1), peer(1), List.of(address(1), address(2)), T);
    assertThat(r.byteSize()).isEqualTo(34 + 34 + 2 * 8);
  }

  @Test
  void toStringNamesTheProviderAndTime() {
    ProviderRecord r = new ProviderRecord(providerKey(1), peer(1), List.of(address(1)), T);
    assertThat(r.toString())
        .contains("34 bytes", peer(1).toString(), "/ip4/10.0.0.1/tcp/4001", "2025-01-01T00:00:00Z");
  }
}
