package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that try to exhaust time or memory: pipes, devices, endless streams. Each is refused or
 * cut at the size limit with a line of its own, and the other files are still checked.
 */
class HostileResourcesTest {
  private static final Duration NO_HANG = Duration.ofSeconds(60);
  private static final String BAD = "SET lock_timeout = '2s';\nCREATE INDEX a_y_idx ON a (y);\n";

  @TempDir
  Path dir;

  Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  Path fifo(String name) throws Exception {
    Path p = dir.resolve(name);
    Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
    assertThat(mk.waitFor()).isZero();
    return p;
  }

  static final String BAD_LINE = ":2:1: error: CREATE INDEX on a takes a SHARE lock";

  @Test
  void aNamedPipeOnTheCommandLineIsRefusedNotWaitedOn() throws Exception {
    Path pipe = fifo("V1__pipe.sql");
    Path bad = write("V2__bad.sql", BAD);
    CliRunner.Result r = assertTimeoutPreemptively(NO_HANG,
        () -> CliRunner.run("lint", "--format", "gcc", pipe.toString(), bad.toString()));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).startsWith(pipe + ":1:1: error: is a named pipe (FIFO), not a regular file: not checked "
        + "(to check what it holds, pipe it to standard input: '-') [input-error]\n");
    assertThat(r.out()).contains(bad + BAD_LINE);
  }

  @Test
  void aNamedPipeInAFolderIsNamedNotSkipped() throws Exception {
    Path pipe = fifo("V1__pipe.sql");
    Path bad = write("V2__bad.sql", BAD);
    CliRunner.Result r = assertTimeoutPreemptively(NO_HANG, () -> CliRunner.run("lint", "--format", "gcc", dir.toString()));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).contains(pipe + ":1:1: error: is a named pipe (FIFO), not a regular file");
    assertThat(r.out()).contains(bad + BAD_LINE);
  }

  @Test
  void devicesAreRefusedWithoutReadingThem() throws Exception {
    Path bad = write("V2__bad.sql", BAD);
    CliRunner.Result r = assertTimeoutPreemptively(NO_HANG,
        () -> CliRunner.run("lint", "--format", "gcc", "/dev/zero", "/dev/urandom", bad.toString()));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).contains("/dev/zero:1:1: error: is a character device, not a regular file: not checked");
    assertThat(r.out()).contains("/dev/urandom:1:1: error: is a character device, not a regular file: not checked");
    assertThat(r.out()).contains(bad + BAD_LINE);
  }

  @Test
  void aFileIsReadOnlyUpToTheLimitWhateverItsSizeSays() throws Exception {
    // /proc files say they hold 0 bytes and hold more
    Path bad = write("V2__bad.sql", BAD);
    CliRunner.Result r = CliRunner.run("lint", "--format", "gcc", "--max-file-size", "100", "/proc/self/maps", bad.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).startsWith("/proc/self/maps:1:1: error: holds more than max-file-size (100 bytes): not checked "
        + "(raise max-file-size to check it) [input-error]\n");
    assertThat(r.out()).contains(bad + BAD_LINE);
  }

  @Test
  void anEndlessStandardInputIsCutAtTheLimit() throws Exception {
    Path bad = write("V2__bad.sql", BAD);
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        return 'x';
      }

      @Override
      public int read(byte[] b, int off, int len) {
        java.util.Arrays.fill(b, off, off + len, (byte) 'x');
        return len;
      }
    };
    InputStream stdin = System.in;
    System.setIn(endless);
    try {
      CliRunner.Result r = assertTimeoutPreemptively(NO_HANG,
          () -> CliRunner.run("lint", "--format", "gcc", "-", bad.toString()));
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.out()).startsWith("<stdin>:1:1: error: holds more than max-file-size (16 MiB): not checked "
          + "(raise max-file-size to check it) [input-error]\n");
      assertThat(r.out()).contains(bad + BAD_LINE);
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void aSparseFileOfThreeGibibytesIsNotReadNamedOrOnStandardInput() throws Exception {
    Path huge = dir.resolve("V1__sparse.sql");
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
      f.setLength(3L << 30);
    }
    Path bad = write("V2__bad.sql", BAD);
    CliRunner.Result named = CliRunner.run("lint", "--format", "gcc", huge.toString(), bad.toString());
    assertThat(named.code()).isEqualTo(2);
    assertThat(named.out()).startsWith(huge + ":1:1: error: is 3072 MiB, larger than max-file-size (16 MiB): not checked "
        + "(raise max-file-size to check it) [input-error]\n");
    InputStream stdin = System.in;
    try (InputStream in = Files.newInputStream(huge)) {
      System.setIn(in);
      CliRunner.Result piped = CliRunner.run("lint", "--format", "gcc", "-", bad.toString());
      assertThat(piped.out()).startsWith("<stdin>:1:1: error: holds more than max-file-size (16 MiB): not checked "
          + "(raise max-file-size to check it) [input-error]\n");
      assertThat(piped.out()).contains(bad + BAD_LINE);
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void aFileSizeLimitNoFileCouldBeHeldAtIsRefused() throws Exception {
    Path bad = write("V2__bad.sql", BAD);
    CliRunner.Result r = CliRunner.run("lint", "--max-file-size", "3GiB", bad.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--max-file-size can be at most 1024 MiB (a file is held in memory whole), got 3072 MiB");
    CliRunner.Result overflow = CliRunner.run("lint", "--max-file-size", "99999999999999999999g", bad.toString());
    assertThat(overflow.code()).isEqualTo(2);
    assertThat(overflow.err()).contains("--max-file-size: not a size: 99999999999999999999g");
  }

  @Test
  void aConfigurationThatIsANamedPipeIsAnErrorNotAHang() throws Exception {
    Path pipe = fifo("lockstep.toml");
    Path bad = write("V2__bad.sql", BAD);
    CliRunner.Result r = assertTimeoutPreemptively(NO_HANG,
        () -> CliRunner.run("lint", "--config", pipe.toString(), bad.toString()));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(pipe + ": cannot read the configuration: it is a named pipe (FIFO), not a regular file");
  }

  @Test
  void aLongLiteralInASelectIsCheckedInLinearTime() throws Exception {
    // letters and digits with no parenthesis: a pattern that looks for "name(" at each letter is quadratic here
    Path hex = write("V1__hex.sql", "SELECT x'" + "0123456789abcdef".repeat(256 * 1024) + "';\n" + BAD);
    CliRunner.Result r = assertTimeoutPreemptively(NO_HANG,
        () -> CliRunner.run("lint", "--format", "gcc", "--max-parse-time", "30s", hex.toString()));
    assertThat(r.out()).isEqualTo(hex + ":3:1: error: CREATE INDEX on a takes a SHARE lock for the whole build: "
        + "INSERT, UPDATE and DELETE on a wait until it finishes [require-concurrent-index]\n");
  }
  /** Runs lockstep in a JVM of its own with the given heap. */
  private static CliRunner.Result ownJvm(String heap, String... args) throws Exception {
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap, "-cp", System.getProperty("java.class.path"),
        Main.class.getName()));
    command.addAll(java.util.List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    return new CliRunner.Result(p.waitFor(), out, "");
  }

  static String rows(int count, java.util.function.IntFunction<String> row) {
    StringBuilder sql = new StringBuilder("INSERT INTO t (a, b) VALUES ");
    for (int i = 0; i < count; i++) sql.append(i == 0 ? "" : ",").append(row.apply(i));
    return sql.append(";\n").toString();
  }

  @Test
  void sevenHundredThousandRowsOfSeedDataLintInAQuarterOfTheDefaultHeap() throws Exception {
    Path seed = write("V1__seed.sql", rows(700_000, i -> "(" + i + ",'name ''" + (i % 1000) + "''')"));
    assertThat(Files.size(seed)).isGreaterThan(6_000_000);
    CliRunner.Result r = ownJvm("-Xmx256m", "lint", "--format", "gcc", seed.toString());
    assertThat(r.out()).isEmpty();
    assertThat(r.code()).isZero();
  }

  @Test
  void rowsThatAreNotPlainConstantsAreStillParsedAndChecked() throws Exception {
    Path broken = write("V1__broken.sql", rows(300_000, i -> i == 250_000 ? "(1,,2)" : "(" + i + ",NULL)"));
    CliRunner.Result r = CliRunner.run("lint", "--format", "gcc", broken.toString());
    assertThat(r.code()).isEqualTo(2);
    int column = Files.readString(broken).indexOf("(1,,2)") + 4;
    assertThat(r.out()).isEqualTo(broken + ":1:" + column + ": error: syntax error at or near \",\" [syntax-error]\n");

    Path usesNewValue = write("V2__enum.sql", "BEGIN;\nALTER TYPE mood ADD VALUE 'elated';\n"
        + rows(200_000, i -> i == 150_000 ? "(1,'elated')" : "(" + i + ",'calm')") + "COMMIT;\n");
    CliRunner.Result e = CliRunner.run("lint", "--format", "gcc", usesNewValue.toString());
    assertThat(e.out()).contains(usesNewValue + ":3:1: error: 'elated' was added to an enum");
    // rows that are parsed (a cast is not a plain constant) are not all built into the tree, but their strings are kept
    Path castRows = write("V3__enum.sql", "BEGIN;\nALTER TYPE mood ADD VALUE 'elated';\n"
        + rows(200_000, i -> i == 150_000 ? "(1::int,'elated')" : "(" + i + "::int,'calm')") + "COMMIT;\n");
    // judged alone: beside V2__enum.sql it would be a later Flyway migration, where 'elated' exists already
    CliRunner.Result c = CliRunner.run("lint", "--format", "gcc", "--no-history", castRows.toString());
    assertThat(c.out()).contains(castRows + ":3:1: error: 'elated' was added to an enum");
  }

  @Test
  void twentyThousandNestedCommentsParseInLinearTime() throws Exception {
    Path nested = write("V1__nested.sql", "SELECT 1;\n" + "/*".repeat(20_000) + " deep " + "*/".repeat(20_000)
        + "\nSET lock_timeout = '2s';\nCREATE INDEX a_y_idx ON a (y);\n");
    CliRunner.Result r = CliRunner.run("lint", "--format", "gcc", "--max-parse-time", "20s", nested.toString());
    assertThat(r.out()).isEqualTo(nested + ":4:1: error: CREATE INDEX on a takes a SHARE lock for the whole build: "
        + "INSERT, UPDATE and DELETE on a wait until it finishes [require-concurrent-index]\n");
  }
}
