package dev.lockstep.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs real commands (git, pre-commit, the action's script) in a folder, for the integration tests. */
final class Shell {
  /** The built jar: integration tests run after the package phase. */
  static final Path JAR = Path.of("cli", "target", "lockstep.jar").toAbsolutePath();

  record Result(int exit, String output) {}

  private final Path dir;
  private final Map<String, String> env = new HashMap<>();
  private final java.util.Set<String> unset = new java.util.HashSet<>();

  Shell(Path dir) {
    this.dir = dir;
    env.put("LOCKSTEP_JAR", JAR.toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_AUTHOR_NAME", "dev");
    env.put("GIT_AUTHOR_EMAIL", "dev@example.com");
    env.put("GIT_COMMITTER_NAME", "dev");
    env.put("GIT_COMMITTER_EMAIL", "dev@example.com");
  }

  Shell env(String name, String value) {
    env.put(name, value);
    unset.remove(name);
    return this;
  }

  /** Runs without this variable, even if the test's own environment has it. */
  Shell unset(String name) {
    env.remove(name);
    unset.add(name);
    return this;
  }

  /** Runs the command; output is stdout and stderr together. */
  Result run(String... command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.environment().keySet().removeAll(unset);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("%s timed out", String.join(" ", command)).isTrue();
    return new Result(p.exitValue(), out);
  }

  /** Runs the command and expects it to succeed. */
  String ok(String... command) throws IOException, InterruptedException {
    Result r = run(command);
    assertThat(r.exit()).as("%s:%n%s", String.join(" ", command), r.output()).isZero();
    return r.output();
  }

  /** A new git repository with one branch, main. */
  static void initRepo(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    new Shell(dir).ok("git", "init", "-q", "-b", "main");
    new Shell(dir).ok("git", "config", "commit.gpgsign", "false");
  }

  /**
   * The tool must be installed: .ci/run installs it, so there (LOCKSTEP_REQUIRE_TOOLS=1) a missing
   * tool fails the test; elsewhere the test is skipped with the reason.
   */
  static void requireTool(String name, String install) {
    boolean found = false;
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, name))) found = true;
    }
    String message = name + " is not installed (" + install + "): this integration test cannot run";
    if (!found && "1".equals(System.getenv("LOCKSTEP_REQUIRE_TOOLS"))) throw new AssertionError(message);
    if (!found) System.err.println("SKIPPED: " + message);
    assumeTrue(found, message);
    assertThat(JAR).as("run the integration tests after 'package'").exists();
  }

  static List<String> lines(String text) {
    return new ArrayList<>(List.of(text.split("\n")));
  }
}
