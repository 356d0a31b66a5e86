package dev.lockstep.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.MigrationLinter;
import dev.lockstep.config.Config;
import dev.lockstep.config.PathRules;
import dev.lockstep.engine.Limits;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.report.LintReport;
import dev.lockstep.report.Reporters;
import dev.lockstep.source.InputException;
import dev.lockstep.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultCacheTest {
  @TempDir Path tmp;

  private static final LintOptions PG18 = new LintOptions(18, false);

  private static MigrationLinter linter(LintOptions options, Path cache) {
    MigrationLinter linter = new MigrationLinter(options, new PathRules(Config.NONE), null, false);
    return cache == null ? linter : linter.withCache(cache);
  }

  private static List<SourceFile> read(List<Path> files) throws IOException {
    List<SourceFile> out = new ArrayList<>();
    for (Path f : files) {
      try {
        out.add(SourceFile.decode(f.toString(), Files.readAllBytes(f)));
      } catch (InputException e) {
        // not text: not part of these runs
      }
    }
    return out;
  }

  /** Each file's result but its source, which is read anew in each run. */
  private static List<List<Object>> withoutSources(LintReport report) {
    return report.files().stream()
        .map(f -> List.<Object>of(f.path(), f.findings(), f.suppressed(), f.syntaxErrors(), f.framework())).toList();
  }

  private static String report(LintReport report, String format) throws IOException {
    StringBuilder out = new StringBuilder();
    Reporters.create(format).write(report, out);
    return out.toString();
  }

  private Path write(String name, String sql) throws IOException {
    Path file = tmp.resolve("migrations").resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, sql);
    return file;
  }

  private List<Path> entries(Path cache) throws IOException {
    if (!Files.isDirectory(cache)) return List.of();
    try (Stream<Path> walk = Files.walk(cache)) {
      return walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  @Test
  void resultsFromTheCacheAreTheResultsOfLintingEveryFixtureAndTheCorpus() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String root : List.of("test-fixtures", "examples", "corpus")) {
      try (Stream<Path> walk = Files.walk(Path.of(root))) {
        walk.filter(p -> p.toString().endsWith(".sql") && Files.isRegularFile(p)).sorted().forEach(files::add);
      }
    }
    assertThat(files).hasSizeGreaterThan(3_000);
    Path cache = tmp.resolve("cache");
    LintReport fresh = linter(PG18, null).lintAll(read(files), List.of(), 2);
    LintReport filled = linter(PG18, cache).lintAll(read(files), List.of(), 2);
    int kept = entries(cache).size();
    LintReport cached = linter(PG18, cache).lintAll(read(files), List.of(), 2);

    assertThat(kept).as("one entry per linted file").isEqualTo(fresh.files().size());
    assertThat(withoutSources(cached)).isEqualTo(withoutSources(fresh));
    assertThat(withoutSources(filled)).isEqualTo(withoutSources(fresh));
    for (String format : List.of("text", "json", "sarif", "gcc")) {
      assertThat(report(cached, format)).as(format).isEqualTo(report(fresh, format));
    }
    assertThat(entries(cache)).hasSize(kept);
  }

  @Test
  void anEntryIsUsedOnlyWhileTheFileItsToolAndTheSettingsAreUnchanged() throws IOException {
    Path file = write("V1__index.sql", "CREATE INDEX orders_customer_idx ON orders (customer_id);\n");
    Path cache = tmp.resolve("cache");
    String first = report(linter(PG18, cache).lintAll(read(List.of(file)), List.of()), "gcc");
    assertThat(first).contains("[require-concurrent-index]");

    // An entry whose message was changed shows that a run reads from the cache.
    Path entry = entries(cache).get(0);
    ResultCache.reseal(entry, body -> body.replace("%s on %s takes a SHARE lock", "%s CACHED on %s takes a SHARE lock"));
    assertThat(report(linter(PG18, cache).lintAll(read(List.of(file)), List.of()), "gcc"))
        .as("unchanged: served from the cache").contains("CREATE INDEX CACHED on orders");

    assertThat(report(linter(new LintOptions(12, false), cache).lintAll(read(List.of(file)), List.of()), "gcc"))
        .as("other settings").doesNotContain("CACHED");
    assertThat(report(linter(PG18, cache).lintAll(read(List.of(file)), List.of()), "gcc"))
        .as("the other settings had their own entry").contains("CREATE INDEX CACHED on orders");

    // Flyway's .conf beside the file changes how it runs, so the entry no longer applies.
    Files.writeString(file.resolveSibling("V1__index.sql.conf"), "executeInTransaction=false\n");
    assertThat(report(linter(PG18, cache).lintAll(read(List.of(file)), List.of()), "gcc")).doesNotContain("CACHED");
    Files.delete(file.resolveSibling("V1__index.sql.conf"));

    ResultCache.reseal(entry, body -> body.replace("%s on %s takes a SHARE lock", "%s CACHED on %s takes a SHARE lock"));
    Files.writeString(file, "CREATE INDEX orders_customer_idx ON orders (customer_id); -- changed\n");
    String changed = report(linter(PG18, cache).lintAll(read(List.of(file)), List.of()), "gcc");
    assertThat(changed).doesNotContain("CACHED").contains("CREATE INDEX on orders");
  }

  @Test
  void aChangeThatTheParserDoesNotSeeStillMisses() throws IOException {
    // Flyway placeholders are masked before parsing: the parser reads the same text either way,
    // but the report quotes the file's own text.
    Path file = write("V1__index.sql", "CREATE INDEX idx ON ${schema_a}.orders (customer_id);\n");
    Path cache = tmp.resolve("cache");
    assertThat(report(linter(PG18, cache).lintAll(read(List.of(file)), List.of()), "json")).contains("schema_a");
    Files.writeString(file, "CREATE INDEX idx ON ${schema_b}.orders (customer_id);\n");
    String second = report(linter(PG18, cache).lintAll(read(List.of(file)), List.of()), "json");
    assertThat(second).contains("schema_b").doesNotContain("schema_a");
    assertThat(second).isEqualTo(report(linter(PG18, null).lintAll(read(List.of(file)), List.of()), "json"));
  }

  @Test
  void aDamagedEntryIsLintedAgainAndReplaced() throws IOException {
    Path file = write("V1__index.sql", "CREATE INDEX orders_customer_idx ON orders (customer_id);\n");
    Path cache = tmp.resolve("cache");
    String fresh = report(linter(PG18, cache).lintAll(read(List.of(file)), List.of()), "json");
    Path entry = entries(cache).get(0);
    for (String damage : List.of("", "{", "\u0000\u0001binary", "{\"key\": 7}", "[]")) {
      Files.writeString(entry, damage);
      assertThat(report(linter(PG18, cache).lintAll(read(List.of(file)), List.of()), "json")).isEqualTo(fresh);
      assertThat(Files.readString(entry)).as("replaced").matches("(?s)[0-9a-f]{64}\n\\{\"key\":\".*");
    }
  }

  @Test
  void aCacheThatCannotBeWrittenChangesNothing() throws IOException {
    Path file = write("V1__index.sql", "CREATE INDEX orders_customer_idx ON orders (customer_id);\n");
    Path notADirectory = Files.writeString(tmp.resolve("cache"), "a file where the folder should be");
    String fresh = report(linter(PG18, null).lintAll(read(List.of(file)), List.of()), "json");
    assertThat(report(linter(PG18, notADirectory).lintAll(read(List.of(file)), List.of()), "json")).isEqualTo(fresh);
    assertThat(Files.readString(notADirectory)).isEqualTo("a file where the folder should be");
  }

  @Test
  void aFileWhoseParseWasStoppedIsNotKept() throws IOException {
    Path file = write("V1__many.sql", "ALTER TABLE t ADD COLUMN c int;\n".repeat(20_000));
    Path cache = tmp.resolve("cache");
    MigrationLinter hurried = new MigrationLinter(PG18, new PathRules(Config.NONE), null, false,
        new Limits(Limits.defaults().maxFileBytes(), 1)).withCache(cache);
    LintReport report = hurried.lintAll(read(List.of(file)), List.of());
    assertThat(report.files().get(0).syntaxErrors()).anyMatch(e -> e.stoppedParsing());
    assertThat(entries(cache)).isEmpty();
  }

  @Test
  void anEditedOrCutEntryIsAMissEvenWithAValidShape() throws IOException {
    Path file = write("V1__index.sql", "CREATE INDEX orders_customer_idx ON orders (customer_id);\n");
    Path cache = tmp.resolve("cache");
    String fresh = report(linter(PG18, cache).lintAll(read(List.of(file)), List.of()), "json");
    assertThat(fresh).contains("require-concurrent-index");
    Path entry = entries(cache).get(0);
    String kept = Files.readString(entry);
    String emptied = kept.replaceFirst("\"findings\":\\[.*\\],\"suppressed\"", "\"findings\":[],\"suppressed\"");
    assertThat(emptied).isNotEqualTo(kept).contains("\"findings\":[]");
    for (String damage : List.of(emptied, kept.substring(0, kept.length() - 1))) {
      Files.writeString(entry, damage);
      assertThat(report(linter(PG18, cache).lintAll(read(List.of(file)), List.of()), "json")).isEqualTo(fresh);
      assertThat(Files.readString(entry)).isEqualTo(kept);
    }
  }

  @Test
  void theCacheFolderIsPrivateAndOneOthersMayWriteIsNotUsed() throws IOException {
    Path file = write("V1__index.sql", "CREATE INDEX orders_customer_idx ON orders (customer_id);\n");
    Path cache = tmp.resolve("cache");
    linter(PG18, cache).lintAll(read(List.of(file)), List.of());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache))).isEqualTo("rwx------");
    for (Path entry : entries(cache)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(entry.getParent()))).isEqualTo("rwx------");
    }

    Path shared = Files.createDirectory(tmp.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    String fresh = report(linter(PG18, shared).lintAll(read(List.of(file)), List.of()), "json");
    assertThat(entries(shared)).isEmpty();
    assertThat(fresh).contains("require-concurrent-index");
  }
}
