package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  @TempDir
  Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    CliRunner.Result r = CliRunner.run(args);
    return new Run(r.code(), r.out(), r.err());
  }

  Path write(String name, String sql) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, sql);
    return p;
  }

  @Test
  void findingIsPrintedWithFrameLockAndRewriteAndExitsOne() throws Exception {
    Path f = write("V2__idx.sql", "SET lock_timeout = '2s';\n  CREATE INDEX idx ON orders (user_id);\n");
    Run r = run("lint", "--color=never", f.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEqualTo(f + ":2:3: error [require-concurrent-index] CREATE INDEX on orders takes a SHARE lock"
        + " for the whole build: INSERT, UPDATE and DELETE on orders wait until it finishes\n"
        + "   |\n"
        + " 2 |   CREATE INDEX idx ON orders (user_id);\n"
        + "   |   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
        + "  = lock: SHARE on orders; blocks writes (INSERT, UPDATE, DELETE); reads continue;"
        + " scans the whole table while holding the lock\n"
        + "  = instead: Build the index with CONCURRENTLY, outside a transaction block: it takes SHARE UPDATE EXCLUSIVE,"
        + " which lets reads and writes continue. If the build fails it leaves an INVALID index: drop it and run the build again\n"
        // a Flyway script: the step is placed in Flyway's terms
        + "      -- in a versioned script of its own whose .conf holds executeInTransaction=false, with "
        + "flyway.postgresql.transactional.lock=false in flyway.conf\n"
        + "      CREATE INDEX CONCURRENTLY idx ON orders (user_id);\n"
        + "      -- only if the build failed, then retry\n"
        + "      DROP INDEX CONCURRENTLY IF EXISTS idx;\n"
        + "\n"
        + "1 finding (1 error, 0 warnings, 0 hints) in 1 file.\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void aCacheDirGivesTheSameReportAndKeepsOneEntryPerFile() throws Exception {
    Path a = write("V1__idx.sql", "CREATE INDEX idx ON orders (user_id);\n");
    Path b = write("V2__ok.sql", "CREATE INDEX CONCURRENTLY idx2 ON orders (user_id);\n");
    Path broken = write("V3__broken.sql", "SELEC 1;\n");
    Path cache = dir.resolve("cache");
    Run fresh = run("lint", "--color=never", a.toString(), b.toString(), broken.toString());
    Run filling = run("lint", "--color=never", "--cache-dir", cache.toString(), a.toString(), b.toString(), broken.toString());
    Run cached = run("lint", "--color=never", "--cache-dir", cache.toString(), a.toString(), b.toString(), broken.toString());
    assertThat(fresh.code()).isEqualTo(2);
    for (Run r : List.of(filling, cached)) {
      assertThat(r.code()).isEqualTo(fresh.code());
      assertThat(r.out()).isEqualTo(fresh.out());
      assertThat(r.err()).isEqualTo(fresh.err());
    }
    try (var entries = Files.walk(cache)) {
      assertThat(entries.filter(p -> p.toString().endsWith(".json")).count()).isEqualTo(3);
    }
  }

  @Test
  void cleanFileExitsZero() throws Exception {
    Path f = write("ok.sql", "CREATE INDEX CONCURRENTLY idx ON orders (user_id);\n");
    Run r = run("lint", f.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("No findings in 1 file.\n");
  }

  @Test
  void failLevelDecidesTheExitCode() throws Exception {
    Path f = write("a.sql", "CREATE INDEX idx ON orders (user_id);\n");
    assertThat(run("lint", "--fail-level", "error", f.toString()).code()).isEqualTo(1);
    assertThat(run("lint", "--fail-level", "bogus", f.toString()).code()).isEqualTo(2);
  }

  @Test
  void syntaxErrorExitsTwoAndTheRestIsStillLinted() throws Exception {
    Path f = write("broken.sql", "SELEC 1;\nCREATE INDEX idx ON orders (user_id);\n");
    Run r = run("lint", "--color=never", f.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).startsWith(f + ":1:1: error [syntax-error] syntax error at or near \"SELEC\"\n")
        .contains(f + ":2:1: error [require-concurrent-index]")
        .contains(f + ":2:1: warning [require-lock-timeout] CREATE INDEX waits for a SHARE lock on orders")
        .endsWith("2 findings (1 error, 1 warning, 0 hints) in 1 file; 1 syntax error.\n");
  }

  @Test
  void unreadableInputsAreNamedOnOneLineAndOthersAreStillLinted() throws Exception {
    Path good = write("good.sql", "CREATE INDEX idx ON orders (user_id);\n");
    Path binary = dir.resolve("binary.sql");
    Files.write(binary, new byte[] {0, 1, 2, 0, 0, 0});
    Path latin1 = dir.resolve("latin1.sql");
    Files.write(latin1, "SELECT 'caf\u00e9';".getBytes(StandardCharsets.ISO_8859_1));
    Path locked = write("locked.sql", "SELECT 1;");
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    boolean root = Files.isReadable(locked); // root reads anything
    Run r = run("lint", "--color=never", dir.resolve("missing.sql").toString(), dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).contains(dir.resolve("missing.sql") + ": error: no such file or directory\n")
        .contains(binary + ": error: is a binary file, not SQL text\n")
        .contains(latin1 + ":1:12: error: is not valid UTF-8: byte 0xE9\n")
        .contains(good + ":1:1: error [require-concurrent-index]");
    if (!root) assertThat(r.out()).contains(locked + ": error: permission denied\n");
  }

  @Test
  void directoriesAreWalkedRecursivelyInSortedOrderForSqlFilesOnly() throws Exception {
    write("b/2.sql", "CREATE INDEX i2 ON t2 (x);");
    write("a/1.sql", "CREATE INDEX i1 ON t1 (x);");
    write("a/notes.txt", "CREATE INDEX i3 ON t3 (x);");
    Files.createDirectories(dir.resolve("c/dir.sql"));
    Files.createSymbolicLink(dir.resolve("c/loop"), dir.resolve("c"));
    Run r = run("lint", "--format", "json", dir.toString());
    JsonNode json = new ObjectMapper().readTree(r.out());
    List<String> indexFindings = new ArrayList<>();
    for (JsonNode f : json.get("findings")) {
      if (f.get("rule").asText().equals("require-concurrent-index")) indexFindings.add(f.get("path").asText());
    }
    assertThat(indexFindings).containsExactly(dir.resolve("a/1.sql").toString(), dir.resolve("b/2.sql").toString());
    assertThat(json.get("errors").findValuesAsText("message")).containsExactly("symbolic link loop (skipped)");
  }

  @Test
  void jsonOutputFollowsSchemaVersionOne() throws Exception {
    Path f = write("a.sql", "BEGIN;\nCREATE INDEX \"Ix\" ON app.orders (lower(email));\nCOMMIT;\n");
    Run r = run("lint", "--format", "json", f.toString());
    assertThat(r.code()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(json.get("pgVersion").asInt()).isEqualTo(18);
    assertThat(json.get("filesChecked").asInt()).isEqualTo(1);
    JsonNode finding = json.get("findings").get(0);
    assertThat(finding.get("rule").asText()).isEqualTo("require-concurrent-index");
    assertThat(finding.get("severity").asText()).isEqualTo("error");
    assertThat(finding.get("start").toString()).isEqualTo("{\"line\":2,\"column\":1}");
    assertThat(finding.get("end").toString()).isEqualTo("{\"line\":2,\"column\":47}");
    assertThat(finding.get("lock").toString()).isEqualTo("{\"relations\":[{\"relation\":\"app.orders\",\"mode\":\"SHARE\"}],"
        + "\"blocksReads\":false,\"blocksWrites\":true,\"rewritesTable\":false,\"scansTable\":true}");
    assertThat(finding.at("/rewrite/steps/0/sql").asText()).isEqualTo("CREATE INDEX CONCURRENTLY \"Ix\" ON app.orders (lower(email));");
    assertThat(finding.at("/rewrite/steps/1/sql").asText()).isEqualTo("DROP INDEX CONCURRENTLY IF EXISTS app.\"Ix\";");
    // inside BEGIN ... COMMIT the fix cannot be applied as is
    assertThat(finding.at("/fixes/0/applicability").asText()).isEqualTo("display_only");
    assertThat(finding.at("/fixes/0/edits/0").toString())
        .isEqualTo("{\"start\":{\"line\":2,\"column\":13},\"end\":{\"line\":2,\"column\":13},\"text\":\" CONCURRENTLY\"}");
  }

  @Test
  void suppressedFindingsStayInTheReportButNotInTheExitCode() throws Exception {
    Path f = write("s.sql", "SET lock_timeout = '2s';\n-- lockstep-ignore require-concurrent-index -- 300 rows\n"
        + "CREATE INDEX i ON countries (name);\n");
    Run text = run("lint", "--color=never", f.toString());
    assertThat(text.code()).isZero();
    assertThat(text.out()).isEqualTo("No findings in 1 file; 1 suppressed.\n");
    JsonNode json = new ObjectMapper().readTree(run("lint", "--format", "json", f.toString()).out());
    assertThat(json.get("findings")).isEmpty();
    assertThat(json.at("/suppressed/0/rule").asText()).isEqualTo("require-concurrent-index");
    assertThat(json.at("/suppressed/0/suppression").toString()).isEqualTo("{\"kind\":\"statement\",\"reason\":\"300 rows\"}");
  }

  @Test
  void baselineHidesAcceptedFindingsAcrossLineShiftsAndWhitespace() throws Exception {
    Path f = write("0001_old.sql", "SET lock_timeout = '2s';\nCREATE INDEX a ON orders (user_id);\nALTER TABLE t DROP COLUMN c;\n");
    Path baseline = dir.resolve("baseline.json");
    Run recorded = run("baseline", "--file", baseline.toString(), f.toString());
    assertThat(recorded.code()).isZero();
    assertThat(recorded.out()).isEqualTo("Recorded 2 findings in " + baseline + "\n");
    Files.writeString(f, "-- moved down\n\nSET lock_timeout = '2s';\nCREATE   INDEX a\n  ON orders (user_id);\n"
        + "ALTER TABLE t DROP COLUMN c;\nDROP INDEX b;\n");
    Run after = run("lint", "--color=never", "--baseline", baseline.toString(), f.toString());
    assertThat(after.code()).isEqualTo(1);
    assertThat(after.out()).contains("[require-concurrent-drop-index]").doesNotContain("[require-concurrent-index]")
        .doesNotContain("[ban-drop-column]")
        .endsWith("1 finding (1 error, 0 warnings, 0 hints) in 1 file; 2 baselined findings remain.\n");
    assertThat(run("lint", "--baseline", dir.resolve("missing.json").toString(), f.toString()).code()).isEqualTo(2);
  }

  @Test
  void stdinIsLintedUnderTheGivenName() {
    InputStream saved = System.in;
    try {
      System.setIn(new ByteArrayInputStream("CREATE INDEX i ON t (x);".getBytes(StandardCharsets.UTF_8)));
      Run r = run("lint", "--color=never", "-", "--stdin-filename", "db/V3__x.sql");
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.out()).startsWith("db/V3__x.sql:1:1: error [require-concurrent-index]");
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void assumeInTransactionTurnsTheFixIntoDisplayOnly() throws Exception {
    Path f = write("a.sql", "CREATE INDEX i ON t (x);");
    Run r = run("lint", "--format", "json", "--assume-in-transaction", f.toString());
    assertThat(new ObjectMapper().readTree(r.out()).at("/findings/0/fixes/0/applicability").asText()).isEqualTo("display_only");
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(run().code()).isEqualTo(2);
    assertThat(run("lint").code()).isEqualTo(2);
    Run bad = run("lint", "--no-such-option", "x.sql");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).startsWith("lockstep: Unknown option: '--no-such-option'");
    Run version = run("lint", "--pg-version", "9", "x.sql");
    assertThat(version.code()).isEqualTo(2);
    assertThat(version.err()).contains("PostgreSQL major must be between 10 and 18, got 9");
    assertThat(run("explain", "no-such-rule").code()).isEqualTo(2);
  }

  @Test
  void versionHelpRulesAndExplain() {
    Run v = run("--version");
    assertThat(v.code()).isZero();
    assertThat(v.out()).matches("lockstep \\S+ \\(PostgreSQL 18 parser: libpg_query 18\\.\\d+\\.\\d+\\)\n");
    Run help = run("lint", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("--pg-version", "--fail-level", "Examples:");
    Run mainHelp = run("--help");
    assertThat(mainHelp.out()).contains("Exit codes:", "2   usage error, unreadable input");
    Run rules = run("rules");
    assertThat(rules.out()).contains("require-concurrent-index               error    fix  on   Build indexes on existing tables with CONCURRENTLY")
        .contains("prefer-bigint-keys                     hint     -    off  Use bigint for id and foreign key columns");
    Run explain = run("explain", "require-concurrent-index");
    assertThat(explain.code()).isZero();
    assertThat(explain.out()).startsWith("# require-concurrent-index\n");
  }

  @Test
  void colourOnlyWhenAsked() throws Exception {
    Path f = write("a.sql", "CREATE INDEX i ON t (x);");
    assertThat(run("lint", "--color=always", f.toString()).out()).contains("\u001b[1;31merror\u001b[0m");
    assertThat(run("lint", f.toString()).out()).doesNotContain("\u001b["); // not a terminal
  }
}
