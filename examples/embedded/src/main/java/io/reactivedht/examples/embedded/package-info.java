/**
 * The smallest useful program on reactive-dht: join a network, provide a CID, stream its providers.
 */
@NullMarked
package io.reactivedht.examples.embedded;

import org.jspecify.annotations.NullMarked;
