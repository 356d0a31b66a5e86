package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file that was not fully checked is never clean (exit 2, "not checked" with the reason) and never cached. */
class PartialCheckTest {
  @TempDir
  Path dir;

  /**
   * A DO block of 10,000 statements: the file's one top-level statement parses at once, its body
   * takes seconds. A small one is linted first, so that the parser's first (slow) run is not what
   * meets the limit.
   */
  Path bigDoBlock() throws Exception {
    CliRunner.run("lint", doBlock("V0__warm.sql", 200).toString());
    // large enough that a warm JVM in the test run still takes several times the limit to parse it
    return doBlock("V1__do.sql", 30_000);
  }

  Path doBlock(String name, int statements) throws Exception {
    StringBuilder body = new StringBuilder("DO $$\nBEGIN\n");
    for (int i = 0; i < statements; i++) body.append("  UPDATE t SET x = ").append(i).append(" WHERE id = ").append(i).append(";\n");
    Path file = dir.resolve(name);
    Files.writeString(file, body.append("END\n$$;\n").toString());
    return file;
  }

  private static final String STOPPED = ":1:1: error: (parsing stopped (inside this statement's body|here)|checking "
      + "stopped here): the file took longer than max-parse-time; the rest of the file was not checked \\(raise "
      + "max-parse-time to check it\\) \\[syntax-error\\]\n";

  @Test
  void aParseStoppedInsideADoBlockIsNotCheckedAndNotCleanAndNotCached() throws Exception {
    Path file = bigDoBlock();
    Path cache = dir.resolve("cache");
    CliRunner.Result stopped = CliRunner.run("lint", "--format", "gcc", "--max-parse-time", "500ms",
        "--cache-dir", cache.toString(), file.toString());
    assertThat(stopped.code()).as(stopped.out() + stopped.err()).isEqualTo(2);
    // Where the limit strikes depends on the machine's load: in the DO body (the usual case) or, on a
    // loaded machine, while the top-level statement is still being read. Either way: not checked.
    assertThat(stopped.out()).matches(Pattern.quote(file.toString()) + STOPPED);
    // Run again with the same limit: stopped again, not a clean result from the cache.
    CliRunner.Result again = CliRunner.run("lint", "--format", "gcc", "--max-parse-time", "500ms",
        "--cache-dir", cache.toString(), file.toString());
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.out()).matches(Pattern.quote(file.toString()) + STOPPED);
  }

  @Test
  void aResultCachedUnderOneParseLimitIsNotServedUnderAnother() throws Exception {
    Path file = bigDoBlock();
    Path cache = dir.resolve("cache");
    CliRunner.Result full = CliRunner.run("lint", "--format", "gcc", "--max-parse-time", "10m",
        "--cache-dir", cache.toString(), file.toString());
    // a generous limit: under load the full parse can pass the default 60 s, and this run must finish
    assertThat(full.out()).doesNotContain("parsing stopped");
    CliRunner.Result limited = CliRunner.run("lint", "--format", "gcc", "--max-parse-time", "500ms",
        "--cache-dir", cache.toString(), file.toString());
    assertThat(limited.code()).isEqualTo(2);
    assertThat(limited.out()).containsPattern("(parsing|checking) stopped");
  }
}
