package io.reactivedht.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StoreOptionsTest {
  @Test
  void valueDefaultsFollowTheSpec() {
    // ipfs/specs kad-dht.md and go MaxRecordAge: 48 h
    assertThat(ValueStoreOptions.DEFAULTS.maxAge()).isEqualTo(Duration.ofHours(48));
    assertThat(ValueStoreOptions.DEFAULTS.maxRecords()).isEqualTo(16_384);
    assertThat(ValueStoreOptions.DEFAULTS.maxBytes()).isEqualTo(64L * 1024 * 1024);
    assertThat(ValueStoreOptions.DEFAULTS.maxRecordBytes()).isEqualTo(64 * 1024);
  }

  @Test
  void providerDefaultsFollowTheSpec() {
    // ipfs/specs kad-dht.md: provider records valid 48 h, provider addresses 24 h; k = 20
    ProviderStoreOptions d = ProviderStoreOptions.DEFAULTS;
    assertThat(d.providerTtl()).isEqualTo(Duration.ofHours(48));
    assertThat(d.addressTtl()).isEqualTo(Duration.ofHours(24));
    assertThat(d.maxProvidersPerKey()).isEqualTo(20);
    assertThat(d.maxKeys()).isEqualTo(65_536);
    assertThat(d.maxBytes()).isEqualTo(128L * 1024 * 1024);
    assertThat(d.maxAddressesPerProvider()).isEqualTo(32);
  }

  @Test
  void eachWitherChangesOneLimit() {
    ValueStoreOptions v = ValueStoreOptions.DEFAULTS;
    assertThat(v.withMaxAge(Duration.ofHours(1)))
        .isEqualTo(new ValueStoreOptions(Duration.ofHours(1), 16_384, 64L << 20, 64 << 10));
    assertThat(v.withMaxRecords(7))
        .isEqualTo(new ValueStoreOptions(Duration.ofHours(48), 7, 64L << 20, 64 << 10));
    assertThat(v.withMaxBytes(7))
        .isEqualTo(new ValueStoreOptions(Duration.ofHours(48), 16_384, 7, 64 << 10));
    assertThat(v.withMaxRecordBytes(7))
        .isEqualTo(new ValueStoreOptions(Duration.ofHours(48), 16_384, 64L << 20, 7));
    ProviderStoreOptions p = ProviderStoreOptions.DEFAULTS;
    Duration h48 = Duration.ofHours(48);
    Duration h24 = Duration.ofHours(24);
    Duration h1 = Duration.ofHours(1);
    assertThat(p.withProviderTtl(h1))
        .isEqualTo(new ProviderStoreOptions(h1, h24, 65_536, 128L << 20, 20, 16_384, 32));
    assertThat(p.withAddressTtl(h1))
        .isEqualTo(new ProviderStoreOptions(h48, h1, 65_536, 128L << 20, 20, 16_384, 32));
    assertThat(p.withMaxKeys(7))
        .isEqualTo(new ProviderStoreOptions(h48, h24, 7, 128L << 20, 20, 16_384, 32));
    assertThat(p.withMaxBytes(7))
        .isEqualTo(new ProviderStoreOptions(h48, h24, 65_536, 7, 20, 16_384, 32));
    assertThat(p.withMaxProvidersPerKey(7))
        .isEqualTo(new ProviderStoreOptions(h48, h24, 65_536, 128L << 20, 7, 16_384, 32));
    assertThat(p.withMaxKeysPerProvider(7))
        .isEqualTo(new ProviderStoreOptions(h48, h24, 65_536, 128L << 20, 20, 7, 32));
    assertThat(p.withMaxAddressesPerProvider(7))
        .isEqualTo(new ProviderStoreOptions(h48, h24, 65_536, 128L << 20, 20, 16_384, 7));
  }

  @Test
  void nonPositiveLimitsAreRejected() {
    ValueStoreOptions v = ValueStoreOptions.DEFAULTS;
    assertThatThrownBy(() -> v.withMaxAge(Duration.ZERO)).hasMessageContaining("maxAge");
    assertThatThrownBy(() -> v.withMaxRecords(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> v.withMaxBytes(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> v.withMaxRecordBytes(0)).hasMessageContaining("maxRecordBytes");
    ProviderStoreOptions p = ProviderStoreOptions.DEFAULTS;
    assertThatThrownBy(() -> p.withProviderTtl(Duration.ofHours(-1)))
        .hasMessageContaining("providerTtl");
    assertThatThrownBy(() -> p.withAddressTtl(Duration.ZERO)).hasMessageContaining("addressTtl");
    assertThatThrownBy(() -> p.withMaxKeys(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> p.withMaxKeysPerProvider(0))
        .hasMessageContaining("maxKeysPerProvider");
    assertThatThrownBy(() -> p.withMaxBytes(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> p.withMaxProvidersPerKey(0))
        .hasMessageContaining("maxProvidersPerKey");
    assertThatThrownBy(() -> p.withMaxAddressesPerProvider(0))
        .hasMessageContaining("maxAddressesPerProvider");
  }

  @Test
  void limitsMayBeChangedInAnyOrder() {
    // no cross-field rule: shrinking maxBytes below maxRecordBytes is allowed (the store refuses
    // such records)
    assertThat(ValueStoreOptions.DEFAULTS.withMaxBytes(1_000).maxRecordBytes())
        .isEqualTo(64 * 1024);
  }
}
