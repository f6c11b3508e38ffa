package io.reactivedht.transport.interop;

import java.util.ArrayDeque;

/** The last few lines a process printed, kept for failure messages; thread-safe and bounded. */
final class RecentLines {
  private static final int MAX_LINE_CHARS = 2000;

  private final int capacity;
  private final ArrayDeque<String> lines;
  private long dropped;

  RecentLines(int capacity) {
    this.capacity = capacity;
    this.lines = new ArrayDeque<>(capacity);
  }

  synchronized void add(String line) {
    if (lines.size() == capacity) {
      lines.removeFirst();
      dropped++;
    }
    lines.addLast(line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) + "…" : line);
  }

  /**
   * The kept lines, one a line, after a note of how many earlier ones were dropped; "(none)" when
   * empty.
   */
  @Override
  public synchronized String toString() {
    if (lines.isEmpty()) {
      return "(none)";
    }
    StringBuilder text = new StringBuilder();
    if (dropped > 0) {
      text.append("[").append(dropped).append(" earlier lines dropped]\n");
    }
    for (String line : lines) {
      text.append(line).append('\n');
    }
    return text.toString();
  }
}
