package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs that must never crash, hang or pass as clean: a clear line with the file, and exit 2. */
class HostileInputsTest {
  @TempDir
  Path dir;

  // clean as a Flyway script (a CONCURRENTLY index beside the SET would be refused by Flyway, which lockstep reports)
  static final String OK = "SET LOCAL lock_timeout = '2s';\nALTER TABLE a ADD COLUMN x_note text;\n";

  Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void aFileAboveTheSizeLimitIsNotReadAndTheOthersAreChecked() throws Exception {
    Path big = write("V1__big.sql", "SELECT 1;\n".repeat(200_000));
    Path ok = write("V2__ok.sql", OK);
    CliRunner.Result r = CliRunner.run("lint", "--format", "gcc", "--max-file-size", "1MiB", big.toString(), ok.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEqualTo(big + ":1:1: error: is 1.9 MiB, larger than max-file-size (1 MiB): not checked "
        + "(raise max-file-size to check it) [input-error]\n"
        + big + ":1:1: error: earlier migration is 1.9 MiB, larger than max-file-size (1 MiB): not checked "
        + "(raise max-file-size to check it); verdicts for " + ok + " fall back to the file alone [input-error]\n");
  }

  @Test
  void aFiftyMegabyteFileIsNotReadWithTheDefaultLimit() throws Exception {
    Path huge = dir.resolve("V1__dump.sql");
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
      f.setLength(50L << 20); // sparse: the size is what counts, it is never read
    }
    Path ok = write("V2__ok.sql", OK);
    CliRunner.Result r = CliRunner.run("lint", "--format", "gcc", huge.toString(), ok.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEqualTo(huge + ":1:1: error: is 50 MiB, larger than max-file-size (16 MiB): not checked "
        + "(raise max-file-size to check it) [input-error]\n"
        // V2 comes after it in Flyway's order: judged without its history, and said so
        + huge + ":1:1: error: earlier migration is 50 MiB, larger than max-file-size (16 MiB): not checked "
        + "(raise max-file-size to check it); verdicts for " + ok + " fall back to the file alone [input-error]\n");
  }

  @Test
  void aParseThatRunsPastTheTimeLimitStopsAndSaysTheFileWasNotChecked() throws Exception {
    StringBuilder rows = new StringBuilder("INSERT INTO t VALUES (0)");
    for (int i = 1; i < 400_000; i++) rows.append(",(").append(i).append("::int)"); // an expression: parsed, not blanked as a constant row
    Path slow = write("V3__slow.sql", rows.append(";\n").toString());
    Path ok = write("V4__ok.sql", OK);
    long start = System.nanoTime();
    // without the history: reading V3's 4 MB as V4's history would take V4 past its own 100 ms too
    CliRunner.Result r = CliRunner.run("lint", "--format", "gcc", "--no-history", "--max-parse-time", "100ms", slow.toString(),
        ok.toString());
    assertThat((System.nanoTime() - start) / 1_000_000_000).as("stopped near the limit, not after minutes").isLessThan(30);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEqualTo(slow + ":1:1: error: parsing stopped here: the file took longer than max-parse-time; "
        + "the rest of the file was not checked (raise max-parse-time to check it) [syntax-error]\n");
    // The parser that was stopped is not reused in a broken state: the next file is checked.
    CliRunner.Result next = CliRunner.run("lint", "--format", "gcc", write("V5__bad.sql",
        "SET lock_timeout = '2s';\nCREATE INDEX a_y_idx ON a (y);\n").toString());
    assertThat(next.out()).contains("V5__bad.sql:2:1: error: CREATE INDEX on a takes a SHARE lock");
  }

  @Test
  void aStatementWhoseTreeOutgrowsTheHeapIsReportedAndTheOtherFilesAreChecked() throws Exception {
    StringBuilder rows = new StringBuilder("INSERT INTO t VALUES (0)");
    // a function call: parsed, not blanked as a constant row (casts of constants now are)
    for (int i = 1; i < 200_000; i++) rows.append(",(lower('v").append(i).append("'))");
    Path big = write("V9__big.sql", rows.append(";\n").toString());
    Path bad = write("V10__bad.sql", "SET lock_timeout = '2s';\nCREATE INDEX a_y_idx ON a (y);\n");
    // a JVM of its own with a small heap: the tree of 200,000 rows needs several hundred MiB; on two
    // threads the small file may run out of memory beside the big one, and must then be checked alone
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx96m",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "lint", "--format", "gcc", "--jobs", "2", big.toString(), bad.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isEqualTo(2);
    // the heap size reported is what the JVM makes of -Xmx96m, which varies a little by collector
    assertThat(out.replaceAll("allows \\(\\d+ MiB\\)", "allows (N MiB)")).isEqualTo(big
        + ":1:1: error: needs more memory than the Java heap allows (N MiB): not checked "
        + "(give Java more, e.g. LOCKSTEP_JAVA_OPTS=-Xmx4g) [input-error]\n"
        + bad + ":2:1: error: CREATE INDEX on a takes a SHARE lock for the whole build: INSERT, UPDATE and DELETE on a"
        + " wait until it finishes [require-concurrent-index]\n");
  }

  @Test
  void deepNestingHitsPostgresOwnLimitNotTheJvms() throws Exception {
    Path deep = write("V6__deep.sql", "SELECT " + "(".repeat(10_000) + "1" + ")".repeat(10_000) + ";\n");
    CliRunner.Result r = CliRunner.run("lint", "--format", "gcc", deep.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEqualTo(deep + ":1:10004: error: memory exhausted at or near \"(\" [syntax-error]\n");
  }

  @Test
  void onlySemicolonsAndADirectoryNamedLikeSqlAreFine() throws Exception {
    Path semis = write("V7__semis.sql", ";;;;\n");
    Files.createDirectories(dir.resolve("V8__folder.sql"));
    CliRunner.Result r = CliRunner.run("lint", semis.toString(), dir.resolve("V8__folder.sql").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("No findings in 1 file.\n");
  }

  @Test
  void unterminatedLiteralsAndCommentsAreNamedWhereTheyStart() throws Exception {
    Path str = write("u1.sql", "SELECT 'abc;\n");
    Path id = write("u2.sql", "SELECT \"abc;\n");
    Path dollar = write("u3.sql", "SELECT $x$ abc;\n");
    Path comment = write("u4.sql", "SELECT 1; /* never closed\n");
    CliRunner.Result r = CliRunner.run("lint", "--format", "gcc", str.toString(), id.toString(), dollar.toString(),
        comment.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEqualTo(str + ":1:8: error: unterminated quoted string at or near \"'abc; \" [syntax-error]\n"
        + id + ":1:8: error: unterminated quoted identifier at or near \"\"abc; \" [syntax-error]\n"
        + dollar + ":1:8: error: unterminated dollar-quoted string at or near \"$x$ abc; \" [syntax-error]\n"
        + comment + ":1:11: error: unterminated /* comment at or near \"/* never closed \" [syntax-error]\n");
  }

  @Test
  void flywayPlaceholdersAppearAsWrittenInMessagesAndRewrites() throws Exception {
    Path migration = dir.resolve("db/migration/V1__index.sql");
    Files.createDirectories(migration.getParent());
    Files.writeString(migration, "SET lock_timeout = '2s';\nCREATE INDEX i ON ${schema}.t (c);\n");
    CliRunner.Result r = CliRunner.run("lint", migration.toString());
    assertThat(r.out()).startsWith(migration + ":2:1: error [require-concurrent-index] CREATE INDEX on ${schema}.t takes a "
        + "SHARE lock").contains("      CREATE INDEX CONCURRENTLY i ON ${schema}.t (c);\n").doesNotContain("_________");
  }

  @Test
  void parallelLintingGivesTheSameReportInTheSameOrder() {
    CliRunner.Result one = CliRunner.run("lint", "--format", "json", "--jobs", "1", "test-fixtures");
    CliRunner.Result four = CliRunner.run("lint", "--format", "json", "--jobs", "4", "test-fixtures");
    assertThat(one.out()).contains("\"filesChecked\"");
    assertThat(four.code()).isEqualTo(one.code());
    assertThat(four.out()).isEqualTo(one.out());
  }

  @Test
  void aLargeFileLintedAloneKeepsItsPlaceInTheReport() throws Exception {
    String bad = "SET lock_timeout = '2s';\nCREATE INDEX a_y_idx ON a (y);\n";
    write("V1__first.sql", bad);
    write("V2__large.sql", "-- " + "x".repeat(1_200_000) + "\n" + bad); // over 1 MiB: linted after the others
    write("V3__last.sql", bad);
    CliRunner.Result one = CliRunner.run("lint", "--format", "gcc", "--jobs", "1", dir.toString());
    CliRunner.Result two = CliRunner.run("lint", "--format", "gcc", "--jobs", "2", dir.toString());
    assertThat(two.out()).isEqualTo(one.out());
    assertThat(two.out().lines().map(l -> l.substring(dir.toString().length() + 1, l.indexOf(".sql"))))
        .containsExactly("V1__first", "V2__large", "V3__last");
  }

  @Test
  void aBrokenLinkToAMigrationIsNamedNotSkipped() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("db"));
    Path gone = Files.createSymbolicLink(folder.resolve("V1__gone.sql"), dir.resolve("nowhere.sql"));
    Files.writeString(folder.resolve("V2__ok.sql"), OK);
    CliRunner.Result r = CliRunner.run("lint", "--format", "gcc", folder.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEqualTo(gone + ":1:1: error: broken symbolic link [input-error]\n");
  }

  @Test
  void limitsComeFromTheConfigurationToo() throws Exception {
    Path big = write("V9__big.sql", "SELECT 1;\n".repeat(20_000));
    Path config = write("lockstep.toml", "max-file-size = \"100k\"\nmax-parse-time = \"2min\"\n");
    CliRunner.Result r = CliRunner.run("lint", "--format", "gcc", "--config", config.toString(), big.toString());
    assertThat(r.out()).isEqualTo(big + ":1:1: error: is 195 KiB, larger than max-file-size (100 KiB): not checked "
        + "(raise max-file-size to check it) [input-error]\n");
    Path wrong = write("wrong.toml", "max-file-size = \"lots\"\n");
    CliRunner.Result bad = CliRunner.run("lint", "--config", wrong.toString(), big.toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("max-file-size must be a size such as '16MiB' or '500k', got 'lots'");
  }

  @Test
  void aHistoryProblemNamesItsFileInTheFormTheLintedFileWasNamedIn() throws Exception {
    Path folder = Path.of("target", "hostile-history-paths"); // inside the working directory: a relative name is possible
    deleteTree(folder);
    Files.createDirectories(folder);
    try {
      Path broken = folder.resolve("V1__broken.sql");
      Files.write(broken, new byte[] {'S', 'E', 'L', (byte) 0xFF, ';', '\n'});
      Path ok = folder.resolve("V2__ok.sql");
      Files.writeString(ok, OK);
      String problem = ":1:1: error: earlier migration is not valid UTF-8: byte 0xFF at 1:4; verdicts for ";

      CliRunner.Result relative = CliRunner.run("lint", "--format", "gcc", ok.toString());
      assertThat(relative.out()).isEqualTo(broken + problem + ok + " fall back to the file alone [input-error]\n");

      CliRunner.Result absolute = CliRunner.run("lint", "--format", "gcc", ok.toAbsolutePath().toString());
      assertThat(absolute.out())
          .isEqualTo(broken.toAbsolutePath() + problem + ok.toAbsolutePath() + " fall back to the file alone [input-error]\n");
    } finally {
      deleteTree(folder);
    }
  }

  @Test
  void aDoBlockWhoseBodyDoesNotParseIsNotCheckedNotClean() throws Exception {
    Path file = write("do.sql", "DO $$\nBEGIN\n  EXECUTE 'CREATE INDEX ON';\nEND $$;\nDO $$\nBEGIN\n  ALTER TABLE t ADD COLUMN;\nEND $$;\n");
    CliRunner.Result r = CliRunner.run("lint", "--format", "gcc", "--no-history", file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEqualTo(file + ":3:27: error: a statement in the PL/pgSQL body does not parse: syntax error at "
        + "end of input [syntax-error]\n"
        + file + ":5:1: error: the PL/pgSQL body does not parse: syntax error at end of input [syntax-error]\n");
  }

  private static void deleteTree(Path folder) throws Exception {
    if (!Files.exists(folder)) return;
    try (var all = Files.walk(folder)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
