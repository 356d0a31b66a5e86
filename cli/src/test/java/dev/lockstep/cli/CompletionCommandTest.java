package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completion scripts, loaded by the real shells and asked to complete what a user types. */
class CompletionCommandTest {
  @TempDir
  Path dir;

  private Path script(String shell) throws Exception {
    CliRunner.Result r = CliRunner.run("completion", shell);
    assertThat(r.code()).as(r.err()).isZero();
    Path file = dir.resolve("lockstep." + shell);
    Files.writeString(file, r.out());
    return file;
  }

  /** What bash's completion function offers for the words typed so far (the last one being completed). */
  private List<String> bashCompletes(Path script, String... words) throws Exception {
    String line = String.join(" ", words);
    StringBuilder array = new StringBuilder();
    for (String w : words) array.append(" '").append(w).append('\'');
    String program = "source '" + script + "'\n"
        + "COMP_WORDS=(" + array + "); COMP_CWORD=" + (words.length - 1) + "; COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}\n"
        + "_complete_lockstep 2>/dev/null\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
    String out = run("bash", "--norc", "--noprofile", "-c", program);
    return out.isEmpty() ? List.of() : List.of(out.split("\n"));
  }

  @Test
  void bashCompletesCommandsOptionsAndTheirValues() throws Exception {
    requireShell("bash");
    Path script = script("bash");
    assertThat(bashCompletes(script, "lockstep", "li")).containsExactly("lint");
    assertThat(bashCompletes(script, "lockstep", "co")).containsExactly("completion");
    assertThat(bashCompletes(script, "lockstep", "lint", "--fail-l")).containsExactly("--fail-level");
    assertThat(bashCompletes(script, "lockstep", "lint", "--format", "s")).containsExactly("sarif");
    assertThat(bashCompletes(script, "lockstep", "completion", "z")).containsExactly("zsh");
    assertThat(bashCompletes(script, "lockstep", "")).contains("lint", "fix", "trace", "baseline", "rules", "explain", "init", "completion");
  }

  @Test
  void zshCompletesACommandTypedAtAnInteractivePrompt() throws Exception {
    requireShell("zsh");
    Path script = script("zsh");
    // A real interactive zsh on a pseudo-terminal: TAB after "lockstep li" completes the word, and
    // the completed line runs (lockstep here is a function that prints its arguments; the quotes
    // keep the echo of its definition from looking like its output).
    String program = "zmodload zsh/zpty\n"
        + "zpty -b z 'zsh -f -i'\n"
        + "zpty -w z 'PS1=\"> \"; source " + script + "; lockstep() { print -r -- \"RAN\"\"=[$*]\"; }'\n"
        + "zpty -w -n z $'lockstep li\\t'\n"
        + "zpty -w z ' --version'\n"
        + "out=''\n"
        + "for i in {1..100}; do zpty -r -t z line && out+=$line; [[ $out == *RAN=\\[*\\]* ]] && break; sleep 0.1; done\n"
        + "zpty -d z\n"
        + "print -r -- $out\n";
    String out = run("zsh", "-f", "-c", program);
    assertThat(out).contains("RAN=[lint --version]");
  }

  @Test
  void anUnknownShellIsAUsageError() {
    CliRunner.Result r = CliRunner.run("completion", "fish");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("lockstep: Invalid value for positional parameter at index 0 (SHELL): expected one of [bash, zsh]");
  }

  private String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s timed out", command[0]).isTrue();
    return out;
  }

  /** .ci/run installs both shells (LOCKSTEP_REQUIRE_TOOLS=1): there a missing one fails the test. */
  private static void requireShell(String name) {
    boolean found = false;
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, name))) found = true;
    }
    String message = name + " is not installed (Debian package " + name + "): its completion test cannot run";
    if (!found && "1".equals(System.getenv("LOCKSTEP_REQUIRE_TOOLS"))) throw new AssertionError(message);
    assumeTrue(found, message);
  }
}
