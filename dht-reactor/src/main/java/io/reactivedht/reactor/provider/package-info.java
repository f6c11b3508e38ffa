/**
 * The results and errors of provider records ({@link io.reactivedht.reactor.Dht#provide}, {@link
 * io.reactivedht.reactor.Dht#findProviders}): what one announcement achieved ({@link
 * io.reactivedht.reactor.provider.ProvideResult}) and why a node cannot announce ({@link
 * io.reactivedht.reactor.provider.NoListenAddressesException}).
 */
@NullMarked
package io.reactivedht.reactor.provider;

import org.jspecify.annotations.NullMarked;
