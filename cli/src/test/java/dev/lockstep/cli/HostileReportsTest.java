package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports that text from a migration or a file name must not subvert (a terminal's escape
 * sequences, a fake problem line), and settings that must come from the project being checked.
 */
class HostileReportsTest {
  static final String BAD = "SET lock_timeout = '2s';\nCREATE INDEX orders_user_idx ON orders (user_id);\n";

  @TempDir
  Path dir;

  Path write(Path at, String text) throws Exception {
    Files.createDirectories(at.getParent());
    Files.writeString(at, text);
    return at;
  }

  @Test
  void aFileNameWithANewlineCannotAddALineToGccOutput() throws Exception {
    Path file = write(dir.resolve("0001_x.sql\nfake.sql:9:9: error: all is well [x]\n0001_y.sql"), BAD);
    CliRunner.Result r = CliRunner.run("lint", "--format", "gcc", file.toString());
    assertThat(r.code()).isEqualTo(1);
    String shown = dir + "/0001_x.sql\\nfake.sql:9:9: error: all is well [x]\\n0001_y.sql";
    assertThat(r.out()).isEqualTo(shown + ":2:1: error: CREATE INDEX on orders takes a SHARE lock for the whole build: "
        + "INSERT, UPDATE and DELETE on orders wait until it finishes [require-concurrent-index]\n");
  }

  @Test
  void escapeSequencesFromSqlAreShownNotSentToTheTerminal() throws Exception {
    String title = "\u001b]0;pwned\u0007";
    Path file = write(dir.resolve("0001_x.sql"), "SET lock_timeout = '2s';\nCREATE INDEX \"i" + title
        + "\" ON \"orders" + title + "\" (user_id);\n");
    for (String format : List.of("text", "gcc", "github")) {
      CliRunner.Result r = CliRunner.run("lint", "--color", "never", "--format", format, file.toString());
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.out()).as(format).doesNotContain("\u001b").doesNotContain("\u0007")
          .contains("orders\\x1b]0;pwned\\x07");
    }
    CliRunner.Result text = CliRunner.run("lint", "--color", "never", file.toString());
    assertThat(text.out()).contains(
        " 2 | CREATE INDEX \"i\\x1b]0;pwned\\x07\" ON \"orders\\x1b]0;pwned\\x07\" (user_id);\n"
            + "   | " + "^".repeat(70) + "\n");
  }

  @Test
  void bidirectionalOverridesInAFileNameAreShown() throws Exception {
    Path file = write(dir.resolve("0001_\u202eslq.sql"), BAD);
    CliRunner.Result r = CliRunner.run("lint", "--format", "gcc", file.toString());
    assertThat(r.out()).startsWith(dir + "/0001_\\u202eslq.sql:2:1: error:");
  }

  /** Runs lockstep in its own JVM in {@code workDir}, where the search for a configuration starts. */
  private static CliRunner.Result runIn(Path workDir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new CliRunner.Result(p.waitFor(), out, "");
  }

  @Test
  void aConfigurationAboveTheRepositoryIsNotApplied() throws Exception {
    write(dir.resolve("lockstep.toml"), "exclude = [\"**\"]\n");
    Path repo = dir.resolve("repo");
    Files.createDirectories(repo.resolve(".git"));
    write(repo.resolve("db/0001_x.sql"), BAD);
    CliRunner.Result r = runIn(repo, "lint", "--color", "never", "db");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("[require-concurrent-index]").endsWith("1 finding (1 error, 0 warnings, 0 hints) in 1 file.\n");

    // the repository's own configuration applies, and the summary and JSON name it
    Path own = write(repo.resolve("lockstep.toml"), "[rules]\ndisable = [\"require-concurrent-index\"]\n");
    CliRunner.Result mine = runIn(repo.resolve("db"), "lint", "--color", "never", ".");
    assertThat(mine.code()).isZero();
    assertThat(mine.out()).isEqualTo("No findings in 1 file; settings from " + own.toRealPath() + ".\n");
    CliRunner.Result json = runIn(repo.resolve("db"), "lint", "--format", "json", ".");
    assertThat(json.out()).contains("\"config\": \"" + own.toRealPath() + "\"");
  }

  @Test
  void outsideARepositoryOnlyTheWorkingDirectoryIsSearched() throws Exception {
    write(dir.resolve("lockstep.toml"), "exclude = [\"**\"]\n");
    Path work = dir.resolve("work");
    write(work.resolve("0001_x.sql"), BAD);
    CliRunner.Result r = runIn(work, "lint", "--color", "never", ".");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).endsWith("1 finding (1 error, 0 warnings, 0 hints) in 1 file.\n");
    CliRunner.Result json = runIn(work, "lint", "--format", "json", ".");
    assertThat(json.out()).contains("\"config\": null");
  }

  @Test
  void aYamlAliasOfAListIsTheList() throws Exception {
    Path config = write(dir.resolve(".lockstep.yaml"), "include: &migrations [\"db/**\"]\nexclude: *migrations\n");
    write(dir.resolve("db/0001_x.sql"), BAD);
    CliRunner.Result r = CliRunner.run("lint", "--color", "never", "--config", config.toString(), dir.resolve("db").toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo("No findings in 0 files; settings from " + config + ".\n");
  }

  @Test
  void anInputErrorIsPlacedWhereEditorsLookForIt() throws Exception {
    Path file = dir.resolve("badutf8.sql");
    Files.write(file, new byte[] {'S', 'E', 'L', 'E', 'C', 'T', ' ', '\'', (byte) 0xff, '\'', ';', '\n'});
    CliRunner.Result gcc = CliRunner.run("lint", "--format", "gcc", file.toString());
    assertThat(gcc.out()).isEqualTo(file + ":1:9: error: is not valid UTF-8: byte 0xFF [input-error]\n");
    CliRunner.Result text = CliRunner.run("lint", "--color", "never", file.toString());
    assertThat(text.out()).startsWith(file + ":1:9: error: is not valid UTF-8: byte 0xFF\n");
    CliRunner.Result json = CliRunner.run("lint", "--format", "json", file.toString());
    assertThat(json.out().replaceAll("\\s+", " ")).contains("\"kind\": \"input\", \"path\": \"" + file
        + "\", \"start\": { \"line\": 1, \"column\": 9 }, \"message\": \"is not valid UTF-8: byte 0xFF\"");
  }
  @Test
  void aFileNameWithANewlineIsQuotedInDiffHeadersAsGitQuotesIt() throws Exception {
    Path file = write(dir.resolve("0001_x.sql\n+++ b/evil.sql"), BAD);
    CliRunner.Result r = CliRunner.run("fix", "--diff", file.toString());
    assertThat(r.code()).isZero();
    String quoted = "\"a/" + dir + "/0001_x.sql\\n+++ b/evil.sql\"";
    assertThat(r.out()).startsWith("--- " + quoted + "\n+++ \"b/" + dir + "/0001_x.sql\\n+++ b/evil.sql\"\n@@ ");
    assertThat(r.out().lines().filter(l -> l.startsWith("+++ "))).hasSize(1);
  }
}
