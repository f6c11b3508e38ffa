/**
 * Budgets for what peers can make the node hold: a {@link
 * io.reactivedht.transport.resource.ResourceScope} for the node, one per peer under it ({@link
 * io.reactivedht.transport.resource.PeerScopes}) and one per connection under that, charged with
 * the bytes that streams have received and not yet read and with the inbound streams open.
 */
@NullMarked
package io.reactivedht.transport.resource;

import org.jspecify.annotations.NullMarked;
