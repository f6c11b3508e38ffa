package io.reactivedht.reactor.observe;

/** The public operations of {@link io.reactivedht.reactor.Dht} that an observer sees. */
public enum Operation {
  /** {@link io.reactivedht.reactor.Dht#lookup}: a FIND_NODE lookup as events. */
  LOOKUP,
  /** {@link io.reactivedht.reactor.Dht#findClosestPeers}: the k closest peers to a key. */
  FIND_CLOSEST_PEERS,
  /** {@link io.reactivedht.reactor.Dht#findPeer}: a peer's addresses. */
  FIND_PEER,
  /** {@link io.reactivedht.reactor.Dht#putValue}: a record put on the k closest peers. */
  PUT_VALUE,
  /** {@link io.reactivedht.reactor.Dht#getValue(byte[], int)} and its one-argument form. */
  GET_VALUE,
  /** {@link io.reactivedht.reactor.Dht#resolve}: the best record and its corrections. */
  RESOLVE,
  /** {@link io.reactivedht.reactor.Dht#searchValue}: progressively better records. */
  SEARCH_VALUE,
  /** {@link io.reactivedht.reactor.Dht#records}: every valid record as it comes in. */
  RECORDS,
  /** {@link io.reactivedht.reactor.Dht#provide}: ADD_PROVIDER to the k closest peers. */
  PROVIDE,
  /** {@link io.reactivedht.reactor.Dht#findProviders}: the providers of a cid. */
  FIND_PROVIDERS
}
