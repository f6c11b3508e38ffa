/**
 * The yamux stream multiplexer ({@code /yamux/1.0.0}, docs/WIRE.md section 5): a {@link
 * io.reactivedht.transport.yamux.YamuxSession} runs over one secured {@link
 * io.reactivedht.transport.stream.ByteStream} and carries many {@link
 * io.reactivedht.transport.yamux.YamuxStream}s, each a {@code ByteStream} of its own with a 256 KiB
 * flow-control window per direction. The dialer (client) opens odd stream ids, the listener even
 * ones. Session state sits behind one short lock; frames are written to the transport inside it, so
 * their order is the order the lock decided, and no user callback ever runs while it is held.
 */
@NullMarked
package io.reactivedht.transport.yamux;

import org.jspecify.annotations.NullMarked;
