package dev.lockstep.rules;

import dev.lockstep.engine.LintOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A file under test-fixtures/<rule-id>/{bad,good}/ with its expectations: each
 * {@code -- expect: rule-id[@column] ["message fragment"], ...} marks findings that start on
 * that line; good fixtures have none. {@code name.fixed.sql} holds the exact text after safe fixes,
 * {@code name.unsafe.fixed.sql} the text after safe and unsafe fixes (one pass).
 */
public record Fixture(String ruleId, Path path, String sql, List<Expectation> expectations, Optional<String> fixed,
               Optional<String> unsafeFixed) {
  private static final Pattern DIRECTIVE = Pattern.compile("(?m)^--\\s*fixture:\\s*(.*)$");
  static final Path ROOT = Path.of("test-fixtures");
  private static final Pattern MARKER = Pattern.compile("--\\s*expect:\\s*(.*)$");
  private static final Pattern ITEM = Pattern.compile("\\s*([a-z0-9-]+)(?:@(\\d+))?(?:\\s+\"([^\"]*)\")?\\s*(?:,|$)");

  /** One expected finding: rule, 1-based line, and optionally column and a message fragment. */
  public record Expectation(String ruleId, int line, Integer column, String fragment) {
    @Override
    public String toString() {
      return ruleId + " at " + line + (column == null ? "" : ":" + column) + (fragment == null ? "" : " \"" + fragment + "\"");
    }
  }

  static Stream<Fixture> all() throws IOException {
    List<Fixture> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(ROOT)) {
      files.filter(p -> p.toString().endsWith(".sql") && !p.toString().endsWith(".fixed.sql")
          && !p.toString().endsWith(".setup.sql")).sorted()
          .forEach(p -> out.add(load(p)));
    }
    return out.stream();
  }

  static Fixture load(Path path) {
    try {
      String sql = Files.readString(path, StandardCharsets.UTF_8);
      Path fixedPath = path.resolveSibling(path.getFileName().toString().replace(".sql", ".fixed.sql"));
      Optional<String> fixed = Files.exists(fixedPath) ? Optional.of(Files.readString(fixedPath)) : Optional.empty();
      Path unsafePath = path.resolveSibling(path.getFileName().toString().replace(".sql", ".unsafe.fixed.sql"));
      Optional<String> unsafe = Files.exists(unsafePath) ? Optional.of(Files.readString(unsafePath)) : Optional.empty();
      return new Fixture(ROOT.relativize(path).getName(0).toString(), path, sql, expectations(sql), fixed, unsafe);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<Expectation> expectations(String sql) {
    List<Expectation> out = new ArrayList<>();
    String[] lines = sql.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = MARKER.matcher(lines[i]);
      if (!m.find()) continue;
      Matcher item = ITEM.matcher(m.group(1));
      int at = 0;
      while (at < m.group(1).length() && item.find(at) && item.start() == at) {
        out.add(new Expectation(item.group(1), i + 1, item.group(2) == null ? null : Integer.valueOf(item.group(2)), item.group(3)));
        at = item.end();
      }
      if (at < m.group(1).strip().length()) throw new IllegalArgumentException("bad expect marker at line " + (i + 1) + ": " + lines[i]);
    }
    return out;
  }

  /**
   * Lint options: the fixture's own rule is enabled (advice rules are off by default), and a
   * {@code -- fixture: pg-version=N assume-in-transaction} line changes the rest.
   */
  LintOptions options() {
    int pg = LintOptions.NEWEST_PG_VERSION;
    boolean inTransaction = false;
    Matcher m = DIRECTIVE.matcher(sql);
    if (m.find()) {
      for (String item : m.group(1).trim().split("\\s+")) {
        if (item.startsWith("pg-version=")) pg = Integer.parseInt(item.substring("pg-version=".length()));
        else if (item.equals("assume-in-transaction")) inTransaction = true;
        else throw new IllegalArgumentException("unknown fixture directive " + item + " in " + path);
      }
    }
    return new LintOptions(pg, inTransaction, java.util.Set.of(ruleId), java.util.Set.of(),
        LintOptions.DEFAULT_MAX_LOCK_TIMEOUT_MILLIS);
  }

  boolean bad() {
    return path.getParent().getFileName().toString().equals("bad");
  }

  @Override
  public String toString() {
    return ROOT.relativize(path).toString();
  }
}
