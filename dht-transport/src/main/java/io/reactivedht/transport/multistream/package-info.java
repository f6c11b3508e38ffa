/**
 * multistream-select 1.0 ({@code /multistream/1.0.0}): how two peers agree on the protocol for a
 * raw connection (the security protocol), a secured channel (the muxer) and every stream (the
 * application protocol). Lines are {@code uvarint(n) || text || '\n'}, at most 1024 bytes; the
 * initiator pipelines its header with its first proposal, the responder echoes what it accepts and
 * answers {@code na} to the rest. Bytes that follow the negotiation stay in the stream for the
 * selected protocol (go's optimistic select).
 */
@NullMarked
package io.reactivedht.transport.multistream;

import org.jspecify.annotations.NullMarked;
