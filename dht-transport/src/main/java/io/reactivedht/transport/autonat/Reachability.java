package io.reactivedht.transport.autonat;

/** What AutoNAT concluded about whether peers can dial this node. */
public enum Reachability {
  /** Enough peers dialed us back. */
  PUBLIC,
  /** Enough peers tried to dial us back and failed. */
  PRIVATE,
  /** Too few answers either way. */
  UNKNOWN
}
