/**
 * Budgets for what peers can make the node hold: a memory scope for the node and one per connection
 * under it, charged with the bytes that streams have received and not yet read.
 */
@NullMarked
package io.reactivedht.transport.resource;

import org.jspecify.annotations.NullMarked;
