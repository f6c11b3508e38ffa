/** Peer ids: the multihash of a public key, with base58btc and CIDv1 text forms. */
@NullMarked
package io.reactivedht.core.peer;

import org.jspecify.annotations.NullMarked;
