/**
 * A consumer on the module path: it reads reactive-dht's exported API only, so a type the API
 * leaks from a package that is not exported fails this compile.
 */
module consumer {
  requires io.reactivedht.transport;
}
