package dev.lockstep.tools;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockstep.pg.PostgresServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** sqitch (Debian's package; it runs each deploy script with psql) deploying a project folder. */
final class SqitchTool {
  private SqitchTool() {}

  /** sqitch's version, or the test is skipped (a failure under LOCKSTEP_REQUIRE_TOOLS=1) where it is not installed. */
  static String version() throws IOException, InterruptedException {
    try {
      Process p = new ProcessBuilder("sqitch", "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (p.waitFor() == 0) return out.replaceAll(".*v", "");
    } catch (IOException e) {
      // not installed
    }
    String problem = "sqitch is not installed (Debian's sqitch and libdbd-pg-perl packages)";
    if ("1".equals(System.getenv("LOCKSTEP_REQUIRE_TOOLS"))) throw new AssertionError(problem);
    assumeTrue(false, problem);
    throw new IllegalStateException("unreachable");
  }

  /** {@code sqitch deploy} of the project in {@code project} (sqitch.plan, deploy/) to the database. */
  static ToolOutcome deploy(PostgresServer server, String database, Path project) throws Exception {
    Files.writeString(project.resolve("sqitch.conf"), "[core]\n\tengine = pg\n");
    ProcessBuilder pb = new ProcessBuilder(List.of("sqitch", "deploy",
        "db:pg://postgres@127.0.0.1:" + server.port() + "/" + database)).directory(project.toFile()).redirectErrorStream(true);
    pb.environment().put("HOME", project.toString()); // no user or system configuration of this machine
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new ToolOutcome(ToolOutcome.Kind.HUNG, "sqitch deploy did not finish");
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.exitValue() == 0) return ToolOutcome.applied();
    String error = out.lines().filter(l -> l.contains("ERROR:")).findFirst().orElse(out.strip())
        .replaceAll("^.*?ERROR:\\s+", "ERROR: ");
    return new ToolOutcome(ToolOutcome.Kind.FAILED, error);
  }
}
