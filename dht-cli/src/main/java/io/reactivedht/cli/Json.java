package io.reactivedht.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny JSON object writer for the {@code --json} output: one flat object per line, insertion
 * order kept.
 */
final class Json {
  private final Map<String, Object> fields = new LinkedHashMap<>();

  private Json() {}

  /** An empty object. */
  static Json object() {
    return new Json();
  }

  /** Adds a field: a String, a Number, a Boolean, a List of those, or null. */
  Json put(String name, Object value) {
    fields.put(name, value);
    return this;
  }

  /** The object on one line. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("{");
    String separator = "";
    for (Map.Entry<String, Object> field : fields.entrySet()) {
      out.append(separator);
      string(out, field.getKey());
      out.append(':');
      value(out, field.getValue());
      separator = ",";
    }
    return out.append('}').toString();
  }

  private static void value(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        value(out, list.get(i));
      }
      out.append(']');
    } else if (value instanceof Json nested) {
      out.append(nested);
    } else {
      string(out, value.toString());
    }
  }

  private static void string(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
