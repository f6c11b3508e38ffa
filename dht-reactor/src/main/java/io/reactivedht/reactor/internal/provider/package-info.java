/**
 * The client side of provider records: {@link
 * io.reactivedht.reactor.internal.provider.ProviderOperations} announces that this node provides
 * content (a lookup for the k closest peers, then ADD_PROVIDER to each), streams the providers of
 * content as a GET_PROVIDERS lookup finds them, and re-announces what this node provides. Provider
 * records live under the multihash inside a CID, so every CID version and codec of the same content
 * shares them (docs/WIRE.md §8, §10.5, §10.7).
 */
@NullMarked
package io.reactivedht.reactor.internal.provider;

import org.jspecify.annotations.NullMarked;
