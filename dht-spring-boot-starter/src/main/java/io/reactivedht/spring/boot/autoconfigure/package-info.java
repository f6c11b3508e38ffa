/**
 * Spring Boot auto-configuration of a reactive-dht node: {@link
 * io.reactivedht.spring.boot.autoconfigure.ReactiveDhtAutoConfiguration} builds the libp2p
 * transport and the {@link io.reactivedht.reactor.Dht} from {@code reactive-dht.*} ({@link
 * io.reactivedht.spring.boot.autoconfigure.ReactiveDhtProperties}), runs the node with the
 * application ({@link io.reactivedht.spring.boot.autoconfigure.DhtLifecycle}) and, on request,
 * serves the Delegated Routing V1 HTTP API; {@link
 * io.reactivedht.spring.boot.autoconfigure.ReactiveDhtHealthAutoConfiguration} adds the node's
 * health indicator. Applications change the node through {@link
 * io.reactivedht.spring.boot.autoconfigure.DhtBuilderCustomizer} beans or replace any bean.
 */
@NullMarked
package io.reactivedht.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
