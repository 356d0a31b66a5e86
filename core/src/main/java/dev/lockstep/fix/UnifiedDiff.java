package dev.lockstep.fix;

import java.util.ArrayList;
import java.util.List;

/** A unified diff of two texts (one hunk per changed region, 3 lines of context), for `fix --diff`. */
public final class UnifiedDiff {
  private static final int CONTEXT = 3;

  private UnifiedDiff() {}

  public static String of(String path, String before, String after) {
    if (before.equals(after)) return "";
    List<String> a = lines(before);
    List<String> b = lines(after);
    // Fixes only insert or replace text locally: align the lines outside changes by common prefix and suffix.
    int prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) prefix++;
    int suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix
        && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
      suffix++;
    }
    int from = Math.max(0, prefix - CONTEXT);
    int aEnd = Math.min(a.size(), a.size() - suffix + CONTEXT);
    int bEnd = Math.min(b.size(), b.size() - suffix + CONTEXT);
    StringBuilder sb = new StringBuilder();
    sb.append("--- ").append(header("a/" + path)).append('\n').append("+++ ").append(header("b/" + path)).append('\n');
    sb.append("@@ -").append(range(from, aEnd - from)).append(" +").append(range(from, bEnd - from)).append(" @@\n");
    for (int i = from; i < prefix; i++) sb.append(' ').append(a.get(i)).append('\n');
    for (int i = prefix; i < a.size() - suffix; i++) sb.append('-').append(a.get(i)).append('\n');
    for (int i = prefix; i < b.size() - suffix; i++) sb.append('+').append(b.get(i)).append('\n');
    for (int i = a.size() - suffix; i < aEnd; i++) sb.append(' ').append(a.get(i)).append('\n');
    return sb.toString();
  }

  /** A diff that creates {@code path} with {@code text}. */
  public static String ofNewFile(String path, String text) {
    List<String> b = lines(text);
    StringBuilder sb = new StringBuilder("--- /dev/null\n+++ ").append(header("b/" + path)).append('\n');
    sb.append("@@ -0,0 ").append('+').append(range(0, b.size())).append(" @@\n");
    for (String line : b) sb.append('+').append(line).append('\n');
    return sb.toString();
  }

  private static String range(int start, int length) {
    return length == 0 ? start + ",0" : (start + 1) + "," + length;
  }

  private static List<String> lines(String text) {
    List<String> out = new ArrayList<>(List.of(text.split("\r?\n", -1)));
    if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) out.remove(out.size() - 1);
    return out;
  }

  /**
   * A file name in a header, quoted as git quotes it ("a/x\ny.sql") when it holds a control
   * character, a quote or a backslash: a name with a line break must not start a header or hunk line.
   */
  static String header(String name) {
    boolean plain = name.chars().noneMatch(c -> c < 0x20 || c == 0x7f || c == '"' || c == '\\');
    if (plain) return name;
    StringBuilder out = new StringBuilder("\"");
    for (char c : name.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) out.append(String.format("\\%03o", (int) c));
          else out.append(c);
        }
      }
    }
    return out.append('"').toString();
  }
}
