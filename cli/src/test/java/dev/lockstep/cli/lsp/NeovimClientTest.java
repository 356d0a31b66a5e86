package dev.lockstep.cli.lsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.report.Version;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real editor as the client: Neovim's built-in LSP client, headless, opens a migration, reads its
 * diagnostics, lists and applies a quick fix, and saves. Needs nvim (Debian's neovim package):
 * skipped without it, failed without it under LOCKSTEP_REQUIRE_TOOLS=1 (as in CI).
 */
class NeovimClientTest {
  @TempDir
  Path dir;

  @Test
  void neovimShowsTheDiagnosticsAndAppliesTheQuickFix() throws Exception {
    Path nvim = onPath("nvim");
    String why = "nvim is not installed (apt-get install neovim): the Neovim client test cannot run";
    if (nvim == null && "1".equals(System.getenv("LOCKSTEP_REQUIRE_TOOLS"))) throw new AssertionError(why);
    if (nvim == null) System.err.println("SKIPPED: " + why);
    assumeTrue(nvim != null, why);

    Path migration = dir.resolve("add_index.sql");
    Files.writeString(migration, LanguageServerTest.INDEX);
    Path script = dir.resolve("client.lua");
    try (var in = NeovimClientTest.class.getResourceAsStream("neovim-client.lua")) {
      Files.write(script, in.readAllBytes());
    }
    Path out = dir.resolve("result.json");
    ProcessBuilder pb = new ProcessBuilder(nvim.toString(), "--headless", "--clean", "-n", "-c", "luafile " + script)
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("nvim.log").toFile());
    pb.environment().put("LOCKSTEP_LSP_CMD", new ObjectMapper().writeValueAsString(ServerProcess.command()));
    pb.environment().put("LOCKSTEP_MIGRATION", migration.toString());
    pb.environment().put("LOCKSTEP_ROOT", dir.toString());
    pb.environment().put("LOCKSTEP_NVIM_OUT", out.toString());
    Process p = pb.start();
    boolean done = p.waitFor(180, TimeUnit.SECONDS);
    if (!done) p.destroyForcibly();
    assertThat(done).as("nvim finished; its log: %s", Files.readString(dir.resolve("nvim.log"))).isTrue();
    JsonNode result = new ObjectMapper().readTree(out.toFile());

    assertThat(result.path("error").isMissingNode()).as("the client script failed: %s", result).isTrue();
    assertThat(result.path("diagnosed").asBoolean()).as("diagnostics arrived").isTrue();
    JsonNode d = result.path("diagnostics");
    assertThat(d).hasSize(1);
    assertThat(d.get(0).path("code").asText()).isEqualTo("require-concurrent-index");
    assertThat(d.get(0).path("lnum").asInt()).isEqualTo(1);
    assertThat(d.get(0).path("col").asInt()).isZero();
    assertThat(d.get(0).path("end_col").asInt()).isEqualTo(LanguageServerTest.CREATE_INDEX.length());
    assertThat(d.get(0).path("severity").asInt()).as("vim.diagnostic.severity.ERROR").isEqualTo(1);
    assertThat(d.get(0).path("source").asText()).isEqualTo("lockstep");
    assertThat(d.get(0).path("message").asText()).startsWith("CREATE INDEX on orders takes a SHARE lock")
        .contains("\nLock: SHARE on orders");
    assertThat(d.get(0).path("href").asText()).isEqualTo(Version.docsUrl() + "require-concurrent-index.md");

    List<String> titles = result.path("actions").findValuesAsText("title");
    assertThat(titles).containsExactly("Add CONCURRENTLY",
        "Suppress require-concurrent-index on this statement (with a reason)",
        "Show the safe rewrite for require-concurrent-index");
    assertThat(result.path("actions").get(0).path("preferred").asBoolean()).isTrue();
    assertThat(result.path("hover").asText()).contains("# require-concurrent-index").contains("| statement | locks held |");

    assertThat(result.path("cleared").asBoolean()).as("the fix cleared the diagnostic").isTrue();
    assertThat(Files.readString(migration, StandardCharsets.UTF_8))
        .isEqualTo("SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);\n");
    assertThat(result.path("stopped").asBoolean()).as("the server stopped when the client did").isTrue();
  }

  private static Path onPath(String name) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(d, name);
      if (Files.isExecutable(p)) return p;
    }
    return null;
  }
}
