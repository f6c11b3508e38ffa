/**
 * The protocol without I/O: keys and distances, peer ids and multiformats, records and their
 * validation, the wire messages, the routing table and the lookup state machine. Every package is
 * public API except the generated protobuf classes ({@code *.pb}), which stay inside the module.
 */
module io.reactivedht.core {
  requires transitive org.jspecify;
  requires com.google.protobuf;
  requires com.google.crypto.tink;
  requires transitive com.github.benmanes.caffeine;
  requires org.bouncycastle.provider;

  exports io.reactivedht.core.crypto;
  exports io.reactivedht.core.envelope;
  exports io.reactivedht.core.ipns;
  exports io.reactivedht.core.key;
  exports io.reactivedht.core.multiaddr;
  exports io.reactivedht.core.multiformats;
  exports io.reactivedht.core.peer;
  exports io.reactivedht.core.peerinfo;
  exports io.reactivedht.core.query;
  exports io.reactivedht.core.record;
  exports io.reactivedht.core.routing;
  exports io.reactivedht.core.validation;
  exports io.reactivedht.core.wire;
}
