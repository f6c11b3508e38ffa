/**
 * Contract tests of the SPIs a user may implement: {@link
 * io.reactivedht.testkit.contract.DhtTransportContract} for a {@code DhtTransport}, {@link
 * io.reactivedht.testkit.contract.ValueStoreContract} and {@link
 * io.reactivedht.testkit.contract.ProviderStoreContract} for the record stores. Each is an abstract
 * JUnit 5 class: extend it in a test, supply the implementation, and every test it declares runs
 * against it. The project's own implementations pass them.
 */
@NullMarked
package io.reactivedht.testkit.contract;

import org.jspecify.annotations.NullMarked;
