package dev.lockstep.tools;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * The Node migration tools the real-tool tests run, installed with npm into core/target/node-tools
 * at the versions core/src/test/node-tools/package.json and its lock file pin (npm install, not
 * npm ci: the lock holds only the platforms the registry here serves). Where npm or the registry is
 * missing the test is skipped with the reason, unless LOCKSTEP_REQUIRE_TOOLS=1 (as in .ci/run).
 */
final class NodeTools {
  static final Path SOURCE = Path.of("core", "src", "test", "node-tools");
  static final Path HOME = Path.of("core", "target", "node-tools");
  /** A copy of the lock file that node_modules was installed from. */
  private static final String STAMP = "installed-from.json";
  private static boolean installed;

  private NodeTools() {}

  /** The folder holding run.mjs and node_modules, installed on first use. */
  static synchronized Path home() {
    String problem = null;
    try {
      Files.createDirectories(HOME);
      for (String f : List.of("package.json", "package-lock.json", "run.mjs")) {
        Files.copy(SOURCE.resolve(f), HOME.resolve(f), StandardCopyOption.REPLACE_EXISTING);
      }
      if (!installed && !upToDate()) {
        Processes.Result npm = Processes.run(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"),
            HOME, Map.of(), 600);
        if (npm.exit() != 0) problem = "npm install failed: " + npm.output().strip().lines().limit(5).toList();
        else Files.copy(SOURCE.resolve("package-lock.json"), HOME.resolve(STAMP), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      problem = e.getMessage();
    }
    if (problem == null) {
      installed = true;
      return HOME;
    }
    problem = "the Node migration tools cannot be installed here: " + problem;
    if ("1".equals(System.getenv("LOCKSTEP_REQUIRE_TOOLS"))) throw new AssertionError(problem);
    System.err.println("SKIPPED: " + problem);
    assumeTrue(false, problem);
    throw new IllegalStateException("unreachable");
  }

  /** node_modules was installed from this very lock file. */
  private static boolean upToDate() throws IOException {
    Path stamp = HOME.resolve(STAMP);
    return Files.exists(stamp) && Files.exists(HOME.resolve("node_modules"))
        && Files.mismatch(stamp, SOURCE.resolve("package-lock.json")) < 0;
  }

  /** The installed version of a package. */
  static String version(String pkg) throws IOException {
    return new ObjectMapper().readTree(home().resolve("node_modules").resolve(pkg).resolve("package.json").toFile())
        .path("version").asText();
  }
}
