package io.reactivedht.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SimulationPageTest {
  @TempDir Path dir;

  @Test
  void simulateWritesOneWellFormedPageWithThreeSvgPlotsAndTheParameters() throws Exception {
    Path page = dir.resolve("run.html");

    Cli.Result result =
        Cli.run(
            "simulate",
            "--nodes",
            "40",
            "--lookups",
            "20",
            "--gets",
            "0",
            "--provides",
            "0",
            "--seed",
            "3",
            "--json",
            "--report",
            page.toString());

    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.out()).startsWith("{\"nodes\":40,"); // the JSON stays as it is
    Document html = parse(Files.readAllBytes(page));
    NodeList images = html.getElementsByTagName("img");
    assertThat(images.getLength()).isEqualTo(3);
    for (int i = 0; i < images.getLength(); i++) {
      String src = ((Element) images.item(i)).getAttribute("src");
      assertThat(src).startsWith("data:image/svg+xml;base64,");
      Document svg = parse(Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1)));
      assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
      assertThat(svg.getElementsByTagName("path").getLength())
          .as("something is drawn")
          .isPositive();
    }
    String text = html.getDocumentElement().getTextContent();
    assertThat(text).contains("medianRtt", "seed3", "recallMean", "nodes40");
  }

  private static Document parse(byte[] xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
  }
}
