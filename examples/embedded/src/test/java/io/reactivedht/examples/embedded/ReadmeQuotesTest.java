package io.reactivedht.examples.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's test-kit example is {@link FileSharingTest}, as the build runs it. */
class ReadmeQuotesTest {
  @Test
  void theReadmeQuotesFileSharingTestAsItIs() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    while (!Files.exists(root.resolve("README.md")) || !Files.exists(root.resolve("dht-core"))) {
      root = root.getParent();
    }
    String readme = Files.readString(root.resolve("README.md"));
    String test =
        Files.readString(
            root.resolve(
                "examples/embedded/src/test/java/io/reactivedht/examples/embedded/FileSharingTest.java"));

    String quoted = test.substring(test.indexOf("import "));
    assertThat(quoted).contains("TestSwarm.virtualTime(50)");
    assertThat(readme).contains("```java\n" + quoted + "```\n");
  }
}
