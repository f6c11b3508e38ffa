package io.reactivedht.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class BuildInfoTest {
  @Test
  void versionPrintsTheBuildsVersionAndCommit() {
    Cli.Result result = Cli.run("--version");

    assertThat(result.exit()).isZero();
    String first = result.out().lines().findFirst().orElseThrow();
    // The build filters build.properties: the version is the pom's, the commit a short hash.
    assertThat(first)
        .startsWith("reactive-dht " + System.getProperty("project.version"))
        .matches("reactive-dht \\S+ \\(commit ([0-9a-f]{7,}|unknown)( \\+ changes)?\\)");
    assertThat(result.out()).contains("Java " + Runtime.version());
  }

  @Test
  void placeholdersLeftByABuildWithoutGitReadAsUnknown() {
    assertThat(describe("1.2.3", "${git.commit.id.abbrev}", "${git.dirty}"))
        .isEqualTo("reactive-dht 1.2.3 (commit unknown)");
  }

  @Test
  void aDirtyTreeIsSaid() {
    assertThat(describe("1.2.3", "1a2b3c4", "true"))
        .isEqualTo("reactive-dht 1.2.3 (commit 1a2b3c4 + changes)");
  }

  private static String describe(String version, String commit, String dirty) {
    Properties properties = new Properties();
    properties.setProperty("version", version);
    properties.setProperty("commit", commit);
    properties.setProperty("dirty", dirty);
    return BuildInfo.of(properties).describe();
  }
}
