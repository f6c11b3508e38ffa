package io.reactivedht.transport.dns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.regex.Pattern;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * TXT lookups with the JDK's DNS provider ({@code com.sun.jndi.dns.DnsContextFactory}), which asks
 * the servers of the system's resolver configuration. Blocking, so run on the bounded elastic
 * scheduler; the provider's own retry timeouts are set to end near {@code timeout} so that a
 * cancelled lookup does not hold its thread for long.
 */
final class JndiTxtLookup implements TxtLookup {
  private static final String[] TXT = {"TXT"};

  /**
   * What a DNS name may hold here: letters, digits, '-', '_' and dots. Names come from addresses
   * other peers send; anything else (a URL such as {@code ldap://...}, which JNDI would hand to
   * another naming provider) is refused before it reaches JNDI.
   */
  private static final Pattern DNS_NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.?");

  private final Duration timeout;

  JndiTxtLookup(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    this.timeout = timeout;
  }

  @Override
  public Mono<List<String>> txt(String name) {
    if (name.length() > 253 || !DNS_NAME.matcher(name).matches()) {
      return Mono.error(new IllegalArgumentException("not a DNS name: " + name));
    }
    return Mono.fromCallable(() -> lookup(name))
        .subscribeOn(Schedulers.boundedElastic())
        .timeout(timeout);
  }

  // JNDI is the JDK's only DNS client for TXT records; the factory is fixed to DNS and the name is
  // checked against DNS_NAME first, so no input selects another provider. InitialDirContext takes
  // a Hashtable.
  @SuppressWarnings({"BanJNDI", "JdkObsolete"})
  private List<String> lookup(String name) throws NamingException {
    Hashtable<String, String> env = new Hashtable<>();
    env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
    // one try plus two retries, each waiting twice as long: about 7 initial timeouts per server in
    // all
    env.put(
        "com.sun.jndi.dns.timeout.initial", Long.toString(Math.max(100, timeout.toMillis() / 7)));
    env.put("com.sun.jndi.dns.timeout.retries", "2");
    DirContext context = new InitialDirContext(env);
    try {
      Attribute records = context.getAttributes(name, TXT).get("TXT");
      List<String> out = new ArrayList<>();
      if (records != null) {
        NamingEnumeration<?> values = records.getAll();
        while (values.hasMore()) {
          out.add(characterStrings(String.valueOf(values.next())));
        }
      }
      return out;
    } finally {
      context.close();
    }
  }

  /**
   * The record's character-strings concatenated, as go's resolver returns a TXT record: JNDI
   * separates them by a space and quotes those holding a space, a quote or a backslash (escaped
   * with a backslash) or nothing.
   */
  static String characterStrings(String jndiText) {
    StringBuilder out = new StringBuilder(jndiText.length());
    boolean quoted = false;
    for (int i = 0; i < jndiText.length(); i++) {
      char c = jndiText.charAt(i);
      if (c == '\\' && i + 1 < jndiText.length()) {
        out.append(jndiText.charAt(++i));
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c != ' ' || quoted) {
        out.append(c);
      }
    }
    return out.toString();
  }
}
