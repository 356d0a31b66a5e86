package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool of a migration comes from the project (drizzle.config.*, the journal, package.json,
 * lockstep.toml), the same from any working directory; lint explains it and init agrees.
 */
class ProjectDetectionTest {
  @TempDir
  Path dir;

  static final ObjectMapper JSON = new ObjectMapper();
  static final String CONCURRENT = "CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);\n";

  Path write(String path, String text) throws Exception {
    Path p = dir.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  /** file name -> framework, detectedBy, and the findings' rule@line, from lint's JSON. */
  static Map<String, String> verdicts(String json) throws Exception {
    JsonNode root = JSON.readTree(json);
    Map<String, String> out = new TreeMap<>();
    for (JsonNode f : root.get("files")) {
      String name = Path.of(f.get("path").asText()).getFileName().toString();
      List<String> found = new ArrayList<>();
      for (JsonNode x : root.get("findings")) {
        if (Path.of(x.get("path").asText()).getFileName().toString().equals(name)) {
          found.add(x.get("rule").asText() + "@" + x.get("start").get("line").asInt());
        }
      }
      out.put(name, f.get("framework").asText() + " (" + f.get("detectedBy").asText() + ") " + found);
    }
    return out;
  }

  /** The command line in a new JVM started in {@code cwd}, as a user runs it. */
  static String lintIn(Path cwd, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.lockstep.cli.Main", "lint", "--format", "json"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  @Test
  void aDrizzleProjectIsJudgedTheSameFromItsRootAndFromAnywhereElse() throws Exception {
    Path root = Path.of("examples", "drizzle").toAbsolutePath();
    Map<String, String> fromRoot = verdicts(lintIn(root, "drizzle"));
    Map<String, String> fromAbove = verdicts(lintIn(root.getParent().getParent(), "examples/drizzle/drizzle"));
    Map<String, String> absolute = verdicts(lintIn(dir, root.resolve("drizzle").toString()));
    assertThat(fromRoot).containsEntry("0001_orders_by_customer.sql",
        "drizzle (meta/_journal.json in its folder) [ban-concurrently-in-transaction@2]");
    assertThat(fromAbove).isEqualTo(fromRoot);
    assertThat(absolute).isEqualTo(fromRoot);
  }

  @Test
  void aCustomOutInDrizzleConfigMakesItsFolderDrizzles() throws Exception {
    write("drizzle.config.ts", "import { defineConfig } from \"drizzle-kit\";\n// out: \"elsewhere\" in a comment is not read\n"
        + "export default defineConfig({\n  dialect: \"postgresql\",\n  out: \"./src/db/migrations\",\n});\n");
    write("src/db/migrations/0003_orders_idx/migration.sql", CONCURRENT);
    write("src/db/migrations/0004_other.sql", CONCURRENT);
    write("other/0004_other.sql", "SELECT 1;\n");
    CliRunner.Result r = CliRunner.run("lint", "--format", "json", "--explain-detection", dir.toString());
    assertThat(verdicts(r.out())).isEqualTo(Map.of(
        "migration.sql", "drizzle (drizzle.config.ts (out: src/db/migrations)) [ban-concurrently-in-transaction@1]",
        "0004_other.sql", "drizzle (drizzle.config.ts (out: src/db/migrations)) [ban-concurrently-in-transaction@1]"));
    assertThat(r.err()).contains(dir.resolve("src/db/migrations/0004_other.sql")
        + ": drizzle, from drizzle.config.ts (out: src/db/migrations)");
  }

  @Test
  void aComputedOutGivesOneNoteNamingTheConfigAndFallsBackToMarkers() throws Exception {
    write("drizzle.config.ts", "export default {\n  dialect: \"postgresql\",\n  out: process.env.MIGRATIONS_DIR ?? \"./drizzle\",\n};\n");
    write("migrations/0001_a.sql", CONCURRENT);
    write("migrations/0002_b.sql", "ALTER TABLE orders ADD COLUMN note text;\n--> statement-breakpoint\n" + CONCURRENT);
    CliRunner.Result r = CliRunner.run("lint", "--format", "json", dir.toString());
    String note = "note: drizzle.config.ts: 'out' is computed when the config runs, so lockstep cannot read it; files "
        + "there are detected by their markers only";
    assertThat(r.err().lines().filter(l -> l.startsWith("note:")).toList()).containsExactly(note);
    Map<String, String> v = verdicts(r.out());
    assertThat(v.get("0001_a.sql")).startsWith("plain ");
    assertThat(v.get("0002_b.sql")).isEqualTo("drizzle ('--> statement-breakpoint' marker) "
        + "[require-lock-timeout@1, ban-concurrently-in-transaction@3, ban-work-after-access-exclusive-lock@3]");
    JsonNode file = JSON.readTree(r.out()).get("files").get(0);
    assertThat(file.get("detectionNotes").get(0).asText()).isEqualTo(note.substring("note: ".length()));
    CliRunner.Result init = CliRunner.run("init", "--output", dir.resolve("lockstep.toml").toString(), dir.toString());
    assertThat(init.err().lines().toList()).containsExactly(note);
  }

  @Test
  void dotEnvNamesTheFoldersOfDbmateAndGooseAndItsSecretsStayUnread() throws Exception {
    write(".env", "DATABASE_URL=postgres://app:hunter2@db.internal/app\nexport DBMATE_MIGRATIONS_DIR=\"./db/schema\"\n"
        + "GOOSE_MIGRATION_DIR=sql/goose # goose's folder\n");
    write("db/schema/20240101000000_idx.sql", CONCURRENT);
    write("sql/goose/20240101000001_idx.sql", CONCURRENT);
    CliRunner.Result r = CliRunner.run("lint", "--format", "json", "--explain-detection", dir.toString());
    assertThat(verdicts(r.out())).isEqualTo(Map.of(
        "20240101000000_idx.sql", "dbmate (.env DBMATE_MIGRATIONS_DIR=./db/schema) [ban-concurrently-in-transaction@1]",
        "20240101000001_idx.sql", "goose (.env GOOSE_MIGRATION_DIR=sql/goose) [ban-concurrently-in-transaction@1]"));
    assertThat(r.err()).contains(dir.resolve("db/schema/20240101000000_idx.sql")
        + ": dbmate, from .env DBMATE_MIGRATIONS_DIR=./db/schema");
    assertThat(r.out() + r.err()).doesNotContain("hunter2");
  }

  @Test
  void lockstepTomlDeclaresAnInHouseRunnersTransactionModel() throws Exception {
    write("lockstep.toml", "[frameworks]\n\"db/**\" = { transaction = \"per-run\", no-transaction-line = \"-- run: no-transaction\" }\n");
    write("db/001_orders_idx.sql", CONCURRENT);
    write("db/002_orders_idx_outside.sql", "-- run: no-transaction\n" + CONCURRENT);
    CliRunner.Result r = CliRunner.run("lint", "--format", "json", "--config", dir.resolve("lockstep.toml").toString(),
        dir.toString());
    assertThat(verdicts(r.out())).isEqualTo(Map.of(
        "001_orders_idx.sql", "custom (lockstep.toml [frameworks] \"db/**\") [ban-concurrently-in-transaction@1]",
        "002_orders_idx_outside.sql", "custom (lockstep.toml [frameworks] \"db/**\") []"));
    assertThat(r.out()).contains("Put it in a migration of its own that holds the line '-- run: no-transaction', which "
        + "lockstep.toml declares as your runner's way out of its transaction, with no BEGIN/COMMIT around it");

    write("lockstep.toml", "[frameworks]\n\"db/**\" = { transaction = \"per-files\" }\n");
    CliRunner.Result bad = CliRunner.run("lint", "--config", dir.resolve("lockstep.toml").toString(), dir.toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains(dir.resolve("lockstep.toml") + ":2: 'db/**' needs transaction = one of none, one-call, "
        + "per-file, per-run, got \"per-files\"; did you mean 'per-file'?");
  }

  @Test
  void initCountsWhatLintDetects() throws Exception {
    Path root = Path.of("examples").toAbsolutePath();
    CliRunner.Result lint = CliRunner.run("lint", "--format", "json", root.resolve("drizzle").toString());
    long drizzle = 0;
    for (JsonNode f : JSON.readTree(lint.out()).get("files")) if (f.get("framework").asText().equals("drizzle")) drizzle++;
    CliRunner.Result init = CliRunner.run("init", "--output", dir.resolve("lockstep.toml").toString(),
        root.resolve("drizzle").toString());
    assertThat(drizzle).isEqualTo(2);
    assertThat(init.out()).contains("(drizzle: 2 of 2 migration files)");
  }
}
