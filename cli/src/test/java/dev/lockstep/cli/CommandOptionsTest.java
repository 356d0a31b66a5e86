package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Every command honours or rejects every option it is given; report files that cannot be written say why. */
class CommandOptionsTest {
  @TempDir
  Path dir;

  static final String BAD = "SET lock_timeout = '2s';\nCREATE INDEX a_y_idx ON a (y);\n";

  Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void fixRejectsOutputAndBaselineOptionsInsteadOfIgnoringThem() throws Exception {
    Path file = write("V1__x.sql", BAD);
    CliRunner.Result r = CliRunner.run("fix", "--diff", "--format", "sarif", "--output", "json=" + dir.resolve("out.json"),
        "--baseline", "missing.json", file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("lockstep: Unknown options: '--format', '--output', '--baseline'\n");
    assertThat(r.out()).isEmpty();
    assertThat(dir.resolve("out.json")).doesNotExist();
    assertThat(Files.readString(file)).isEqualTo(BAD);
  }

  @Test
  void aMissingBaselineStopsLintBeforeAnyWork() throws Exception {
    Path file = write("V1__x.sql", BAD);
    CliRunner.Result r = CliRunner.run("lint", "--baseline", dir.resolve("missing.json").toString(), file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("lockstep: --baseline " + dir.resolve("missing.json") + ": no such file or directory\n");
  }

  @Test
  void baselineRejectsOutputOptionsAndWritesNothingForAPartialCheck() throws Exception {
    Path file = write("V1__x.sql", BAD);
    CliRunner.Result r = CliRunner.run("baseline", "--format", "json", file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("lockstep: Unknown option: '--format'\n");
    Path target = dir.resolve("b.json");
    CliRunner.Result partial = CliRunner.run("baseline", "--file", target.toString(), "--max-file-size", "10",
        file.toString());
    assertThat(partial.code()).isEqualTo(2);
    assertThat(partial.err()).isEqualTo(file + ": is 56 bytes, larger than max-file-size (10 bytes): not checked "
        + "(raise max-file-size to check it)\nlockstep: no baseline written: 1 file was not fully checked\n");
    assertThat(target).doesNotExist();
  }

  @Test
  void traceHonoursOrRejectsEveryOptionLintHas() {
    // the options of lint that trace lacks are exactly those that choose, filter or weigh rules' findings
    // (the history replayed before a file, and the table sizes), and lint's explanation of its report's detection
    Set<String> lint = options(new LintCommand());
    Set<String> trace = options(new TraceCommand());
    Set<String> missing = new TreeSet<>(lint);
    missing.removeAll(trace);
    assertThat(missing).containsExactly("--baseline", "--cache-dir", "--disable", "--enable", "--explain-detection", "--jobs",
        "--max-lock-timeout",
        "--no-history", "--pending-from", "--small-table-rows", "--stats");
    assertThat(options(new FixCommand())).doesNotContain("--format", "--output", "--fail-level", "--baseline", "--jobs",
        "--cache-dir", "--color");
    CliRunner.Result version = CliRunner.run("trace", "--embedded", "--pg-version", "14", "V1.sql");
    assertThat(version.code()).isEqualTo(2);
    assertThat(version.err()).startsWith("lockstep: --pg-version does not apply to trace: the migrations run on the "
        + "server's own version\n");
    for (String option : missing) {
      CliRunner.Result r = CliRunner.run("trace", "--embedded", option, "x", "V1.sql");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).startsWith("lockstep: Unknown option");
    }
  }

  static Set<String> options(Object command) {
    Set<String> out = new TreeSet<>();
    for (CommandLine.Model.OptionSpec o : new CommandLine(command).getCommandSpec().options()) out.add(o.longestName());
    return out;
  }

  @Test
  void anOutputFileThatCannotBeWrittenIsOneLineNamingThePath() throws Exception {
    Path file = write("V1__x.sql", BAD);
    CliRunner.Result r = CliRunner.run("lint", "--output", "json=/nonexistent/x", file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("lockstep: --output json=/nonexistent/x: the folder /nonexistent does not exist\n");
    assertThat(r.out()).isEmpty();
    CliRunner.Result folder = CliRunner.run("lint", "--output", "sarif=" + dir, file.toString());
    assertThat(folder.err()).isEqualTo("lockstep: --output sarif=" + dir + ": " + dir + " is a folder\n");
    CliRunner.Result baseline = CliRunner.run("baseline", "--file", "/nonexistent/b.json", file.toString());
    assertThat(baseline.code()).isEqualTo(2);
    assertThat(baseline.err()).isEqualTo("lockstep: --file /nonexistent/b.json: the folder /nonexistent does not exist\n");
    // any command's file it cannot write: the path and the reason, not a Java exception
    CliRunner.Result init = CliRunner.run("init", "--output", "/nonexistent/lockstep.toml", dir.toString());
    assertThat(init.code()).isEqualTo(2);
    assertThat(init.err()).contains("/nonexistent").doesNotContain("internal error", "java.nio", "Exception");
    for (List<String> args : List.of(List.of("lint", "--output", "json=/nonexistent/x", file.toString()),
        List.of("trace", "--embedded", "--output", "json=/nonexistent/x", file.toString()))) {
      assertThat(CliRunner.run(args.toArray(String[]::new)).err()).doesNotContain("internal error", "java.nio");
    }
  }
}
