package io.reactivedht.cli;

import picocli.CommandLine;

/** What {@code dht --version} prints: the build and the Java runtime it runs on. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      BuildInfo.current().describe(),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name", "unknown VM") + ")"
    };
  }
}
