package dev.lockstep.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A table in rules/&lt;id&gt;.md that a server test fills from what it measured: rows collected while
 * the tests run, each with the majors it was measured on, written between two markers. The build
 * fails when a doc is out of date; -Dlockstep.updateDocs=true rewrites it.
 */
final class GeneratedDocSection {
  private final String begin;
  private final String end;
  private final String intro;
  private final String header;
  private final String before;
  /** rule id -> sort key + "\t" + row without its last cell -> majors. */
  private final Map<String, Map<String, SortedSet<Integer>>> rows = new TreeMap<>();

  /**
   * @param name    the test that measures, named in the markers
   * @param intro   what the table shows, above it
   * @param header  the table's header rows, the last column being the majors
   * @param before  a heading the section goes above when a doc has none yet
   */
  GeneratedDocSection(String name, String what, String intro, String header, String before) {
    this.begin = "<!-- " + what + " measured by " + name + ": generated, do not edit -->";
    this.end = "<!-- end of measured " + what + " -->";
    this.intro = intro;
    this.header = header;
    this.before = before;
  }

  /** One measured row; {@code order} sorts the rows of a rule. */
  synchronized void record(String rule, String order, String rowWithoutMajors, int major) {
    rows.computeIfAbsent(rule, k -> new TreeMap<>()).computeIfAbsent(order + "\t" + rowWithoutMajors,
        k -> new TreeSet<>()).add(major);
  }

  /** A statement as a table cell: one line, without the fixtures' expectation comments. */
  static String code(String sql) {
    return "`" + sql.replaceAll("--\\s*expect:[^\n]*", "").replaceAll("\\s+", " ").strip().replace("|", "\\|") + "`";
  }

  static String yesNo(Boolean b) {
    return b == null ? "n/a" : b ? "**yes**" : "no";
  }

  /** Checks (or, with -Dlockstep.updateDocs=true, writes) the section of every rule that has rows. */
  synchronized void checkDocs() throws IOException {
    if (!System.getProperty("lockstep.fixture", "").isEmpty() || rows.isEmpty()) return; // a partial run
    boolean update = Boolean.getBoolean("lockstep.updateDocs");
    List<String> stale = new ArrayList<>();
    StringBuilder changes = new StringBuilder(); // what this run measured differently, to tell a change from a flake
    for (var rule : rows.entrySet()) {
      StringBuilder table = new StringBuilder(begin).append("\n\n").append(intro).append("\n\n").append(header).append('\n');
      for (var row : rule.getValue().entrySet()) {
        String line = row.getKey().substring(row.getKey().lastIndexOf('\t') + 1);
        table.append(line).append(' ')
            .append(row.getValue().stream().map(String::valueOf).collect(Collectors.joining(", "))).append(" |\n");
      }
      table.append('\n').append(end);
      // the same section in the English doc and in each translation (rules/es, rules/pt) that exists
      for (Path doc : docs(rule.getKey())) {
        String change = update(doc, table.toString(), update);
        if (change != null) {
          stale.add(doc.toString());
          changes.append("\n").append(doc).append(change);
        }
      }
    }
    assertThat(stale).as("rule docs whose measured tables are out of date (run with -Dlockstep.updateDocs=true):%s",
        changes).isEmpty();
  }

  /** rules/&lt;id&gt;.md and its translations. */
  static List<Path> docs(String rule) {
    List<Path> out = new ArrayList<>(List.of(Path.of("rules", rule + ".md")));
    for (String language : List.of("es", "pt")) {
      Path translated = Path.of("rules", language, rule + ".md");
      if (Files.exists(translated)) out.add(translated);
    }
    return out;
  }

  /** Writes the section into one doc (or, when not updating, returns what differs; null when up to date). */
  private String update(Path doc, String table, boolean update) throws IOException {
    String text = Files.readString(doc);
    {
      String updated;
      int a = text.indexOf(begin);
      if (a >= 0) {
        updated = text.substring(0, a) + table + text.substring(text.indexOf(end) + end.length());
      } else {
        int at = text.indexOf("\n" + before);
        if (at < 0) at = text.length();
        updated = text.substring(0, at) + "\n" + table + "\n" + text.substring(at);
      }
      if (updated.equals(text)) return null;
      if (update) {
        Files.writeString(doc, updated);
        return null;
      }
      return changedLines(text, updated);
    }
  }

  /** The lines only in the doc ("- ") and only in this run's measurement ("+ "). */
  private static String changedLines(String doc, String measured) {
    List<String> before = doc.lines().toList();
    List<String> after = measured.lines().toList();
    StringBuilder out = new StringBuilder();
    before.stream().filter(l -> !after.contains(l)).forEach(l -> out.append("\n- ").append(l));
    after.stream().filter(l -> !before.contains(l)).forEach(l -> out.append("\n+ ").append(l));
    return out.toString();
  }
}
