package io.reactivedht.cli;

import io.reactivedht.testkit.sim.LookupSamples;
import io.reactivedht.testkit.sim.SimulationOptions;
import io.reactivedht.testkit.sim.SimulationReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code dht simulate --report FILE.html}: one self-contained page (XHTML, no network needed to
 * view it) with the run's parameters and results and three plots drawn by XChart as inline SVG
 * images: the lookup latency CDF, the hops histogram and the requests per lookup.
 */
final class SimulationPage {
  private static final int WIDTH = 640;
  private static final int HEIGHT = 400;
  private static final int MAX_BARS = 25;

  private SimulationPage() {}

  /** Writes the page for a finished run to {@code file}. */
  static void write(Path file, SimulationOptions options, SimulationReport report) {
    try {
      Files.writeString(file, html(options, report), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + file, e);
    }
  }

  /** The page. */
  static String html(SimulationOptions options, SimulationReport report) {
    LookupSamples samples = report.samples();
    StringBuilder page = new StringBuilder();
    page.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n")
        .append("<head><meta charset=\"utf-8\"/><title>dht simulate: ")
        .append(report.nodes())
        .append(" nodes</title>\n<style>")
        .append("body{font-family:sans-serif;margin:2em;max-width:1400px}")
        .append(
            "table{border-collapse:collapse;margin:1em 2em 1em 0;display:inline-table;vertical-align:top}")
        .append("td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}")
        .append("img{margin:.5em}</style></head>\n<body>\n")
        .append("<h1>dht simulate: ")
        .append(report.nodes())
        .append(" nodes, ")
        .append(report.lookups())
        .append(" lookups</h1>\n");
    page.append(table("parameters", components(options)));
    page.append(table("results", results(report))).append('\n');
    if (samples.latencyMs().isEmpty()) {
      page.append("<p>No lookups were measured: nothing to plot.</p>\n");
    } else {
      page.append(image("lookup latency CDF", latencyCdf(samples.latencyMs())))
          .append(image("hops per lookup", hops(samples.hops())))
          .append(image("requests per lookup", requests(samples.requests())));
    }
    return page.append("</body>\n</html>\n").toString();
  }

  private static XYChart latencyCdf(List<Double> latencies) {
    List<Double> sorted = latencies.stream().sorted().toList();
    List<Double> share = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      share.add((i + 1) / (double) sorted.size());
    }
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title("Lookup latency (simulated), CDF")
            .xAxisTitle("ms")
            .yAxisTitle("share of lookups")
            .build();
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setYAxisDecimalPattern("0.0");
    chart.addSeries("latency", sorted, share).setMarker(SeriesMarkers.NONE);
    return chart;
  }

  private static CategoryChart hops(List<Double> hops) {
    return counts("Hops per lookup", "hops", hops);
  }

  private static CategoryChart requests(List<Double> requests) {
    return counts("Requests per lookup", "requests", requests);
  }

  /**
   * A bar per value of whole-number samples, or per range of values when there are more than
   * {@value #MAX_BARS} of them (labelled {@code low-high}).
   */
  private static CategoryChart counts(String title, String xAxis, List<Double> samples) {
    long min = samples.stream().mapToLong(Math::round).min().orElse(0);
    long max = samples.stream().mapToLong(Math::round).max().orElse(0);
    long width = Math.max(1, (max - min + MAX_BARS) / MAX_BARS);
    TreeMap<Long, Integer> counts = new TreeMap<>();
    for (long bin = min; bin <= max; bin += width) {
      counts.put(bin, 0);
    }
    samples.forEach(
        v -> counts.merge(min + (Math.round(v) - min) / width * width, 1, Integer::sum));
    List<String> labels =
        counts.keySet().stream()
            .map(low -> width == 1 ? Long.toString(low) : low + "-" + (low + width - 1))
            .toList();
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(xAxis)
            .yAxisTitle("lookups")
            .build();
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setYAxisDecimalPattern("#,###");
    chart.addSeries("lookups", labels, new ArrayList<>(counts.values()));
    return chart;
  }

  /** The chart as an {@code <img>} with its SVG inline as a data URI. */
  private static String image(String alt, Chart<?, ?> chart) {
    ByteArrayOutputStream svg = new ByteArrayOutputStream();
    try {
      VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsFormat.SVG);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "<img alt=\""
        + alt
        + "\" width=\""
        + WIDTH
        + "\" height=\""
        + HEIGHT
        + "\" src=\"data:image/svg+xml;base64,"
        + Base64.getEncoder().encodeToString(svg.toByteArray())
        + "\"/>\n";
  }

  /** The report's figures, without the samples (they are plotted). */
  private static List<String[]> results(SimulationReport report) {
    return components(report).stream().filter(row -> !row[0].equals("samples")).toList();
  }

  /** Name and value of each component of a record. */
  private static List<String[]> components(Record record) {
    List<String[]> rows = new ArrayList<>();
    for (RecordComponent component : record.getClass().getRecordComponents()) {
      try {
        Object value = component.getAccessor().invoke(record);
        rows.add(new String[] {component.getName(), format(value)});
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return rows;
  }

  private static String format(Object value) {
    return value instanceof Double d
        ? String.format(Locale.ROOT, "%.4f", d)
        : String.valueOf(value);
  }

  private static String table(String title, List<String[]> rows) {
    StringBuilder table = new StringBuilder("<table><tr><th colspan=\"2\">" + title + "</th></tr>");
    for (String[] row : rows) {
      table
          .append("<tr><td>")
          .append(escape(row[0]))
          .append("</td><td>")
          .append(escape(row[1]))
          .append("</td></tr>");
    }
    return table.append("</table>\n").toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
