/**
 * Which network an address is on (public, private, loopback, link-local), and which addresses
 * learned from other peers are worth dialing.
 */
@NullMarked
package io.reactivedht.transport.address;

import org.jspecify.annotations.NullMarked;
