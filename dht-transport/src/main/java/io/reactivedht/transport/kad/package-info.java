/**
 * The DHT protocol on libp2p streams: a request is one {@code uvarint(length) || protobuf} message
 * on a stream of {@code /ipfs/kad/1.0.0}, answered by one message (none for ADD_PROVIDER); an
 * inbound stream may carry several requests one after the other (go reuses streams). Messages are
 * bounded at 4 MiB by default.
 */
@NullMarked
package io.reactivedht.transport.kad;

import org.jspecify.annotations.NullMarked;
