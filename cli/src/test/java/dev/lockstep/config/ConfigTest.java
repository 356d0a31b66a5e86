package dev.lockstep.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.frameworks.DeclaredRunner;
import dev.lockstep.frameworks.Framework;
import dev.lockstep.cli.CliRunner;
import dev.lockstep.engine.Severity;
import dev.lockstep.rules.Rules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
  @TempDir
  Path dir;

  static Set<String> ids() {
    Set<String> ids = new HashSet<>();
    Rules.all().forEach(r -> ids.add(r.id()));
    return ids;
  }

  Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  @Test
  void discoveredFromTheWorkingDirectoryUpToTheRepositoryRoot() throws Exception {
    Path config = write("repo/lockstep.toml", "pg-version = 15\n");
    Files.createDirectories(dir.resolve("repo/.git"));
    Files.createDirectories(dir.resolve("repo/db/migrations"));
    assertThat(ConfigLoader.discover(dir.resolve("repo/db/migrations"))).isEqualTo(config);
    assertThat(ConfigLoader.discover(Path.of("/"))).isNull();
  }

  @Test
  void notAboveTheRepositoryRootNorAboveTheWorkingDirectoryOutsideOne() throws Exception {
    write("lockstep.toml", "pg-version = 15\n");
    Files.createDirectories(dir.resolve("repo/.git"));
    Files.createDirectories(dir.resolve("repo/db"));
    Files.createDirectories(dir.resolve("plain/db"));
    assertThat(ConfigLoader.discover(dir.resolve("repo/db"))).isNull();
    assertThat(ConfigLoader.discover(dir.resolve("plain/db"))).isNull();
    assertThat(ConfigLoader.discover(dir)).isEqualTo(dir.resolve("lockstep.toml"));
  }

  @Test
  void tomlAndYamlGiveTheSameSettings() throws Exception {
    Path toml = write("a/lockstep.toml", """
        pg-version = 16
        fail-level = "error"
        max-lock-timeout = "5s"
        runner-sets-lock-timeout = true
        exclude = ["legacy/**"]

        [rules]
        enable = ["prefer-bigint-keys"]
        disable = ["ban-drop-column"]

        [rules.severity]
        ban-rename-column = "warning"

        [frameworks]
        "db/manual/**" = "plain"
        """);
    Path yaml = write("b/.lockstep.yaml", """
        pg-version: 16
        fail-level: error
        max-lock-timeout: 5s
        runner-sets-lock-timeout: true
        exclude: ["legacy/**"]
        rules:
          enable: [prefer-bigint-keys]
          disable: [ban-drop-column]
          severity:
            ban-rename-column: warning
        frameworks:
          "db/manual/**": plain
        """);
    for (Path p : new Path[] {toml, yaml}) {
      Config c = new ConfigLoader(ids()).load(p);
      assertThat(c.pgVersion()).isEqualTo(16);
      assertThat(c.failLevel()).isEqualTo(Severity.ERROR);
      assertThat(c.maxLockTimeoutMillis()).isEqualTo(5000L);
      assertThat(c.runnerSetsLockTimeout()).isTrue();
      assertThat(c.exclude()).containsExactly("legacy/**");
      assertThat(c.enable()).containsExactly("prefer-bigint-keys");
      assertThat(c.disable()).containsExactly("ban-drop-column");
      assertThat(c.severities()).containsEntry("ban-rename-column", Severity.WARNING);
      assertThat(c.frameworks()).containsEntry("db/manual/**", DeclaredRunner.tool("db/manual/**", Framework.PLAIN));
    }
  }

  @Test
  void unknownKeysAndBadValuesNameTheFileLineAndASuggestion() throws Exception {
    Path p = write("lockstep.toml", "pg-version = 16\nfail_level = \"error\"\n");
    assertThatThrownBy(() -> new ConfigLoader(ids()).load(p))
        .hasMessage(p + ":2: unknown key 'fail_level'; did you mean 'fail-level'?");
    Path q = write("q/lockstep.toml", "\n[rules]\ndisable = [\"ban-drop-colum\"]\n");
    assertThatThrownBy(() -> new ConfigLoader(ids()).load(q))
        .hasMessage(q + ":3: unknown rule 'ban-drop-colum'; did you mean 'ban-drop-column'?");
    Path r = write("r/lockstep.toml", "pg-version = 9\n");
    assertThatThrownBy(() -> new ConfigLoader(ids()).load(r)).hasMessage(r + ":1: pg-version must be between 10 and 18, got 9");
    Path s = write("s/.lockstep.yaml", "frameworks:\n  \"db/**\": flywai\n");
    assertThatThrownBy(() -> new ConfigLoader(ids()).load(s))
        .hasMessage(s + ":2: unknown framework 'flywai' for 'db/**'; did you mean 'flyway'?");
  }

  @Test
  void initWritesAStarterConfigThatLoads() throws Exception {
    write("db/20240101_a.sql", "-- +goose Up\nSELECT 1;\n");
    write("db/20240102_b.sql", "-- +goose Up\nSELECT 2;\n");
    Path out = dir.resolve("lockstep.toml");
    var run = CliRunner.run("init", "--output", out.toString(), dir.resolve("db").toString());
    assertThat(run.code()).isZero();
    assertThat(run.out()).isEqualTo("Wrote " + out + " (goose: 2 of 2 migration files)\n");
    assertThat(Files.readString(out)).contains("# \"db/migrations/**\" = \"goose\"");
    assertThat(new ConfigLoader(ids()).load(out).failLevel()).isEqualTo(Severity.WARNING);
    assertThat(CliRunner.run("init", "--output", out.toString(), dir.toString()).code()).isEqualTo(2); // exists
  }

  @Test
  void theSchemaListsEveryRule() throws Exception {
    JsonNode schema = new ObjectMapper().readTree(Path.of("docs", "config-schema.json").toFile());
    Set<String> listed = new HashSet<>();
    schema.at("/properties/rules/properties/enable/items/enum").forEach(n -> listed.add(n.asText()));
    assertThat(listed).isEqualTo(ids());
  }

  @Test
  void theLintCommandAppliesTheConfig() throws Exception {
    Path config = write("lockstep.toml", """
        fail-level = "error"
        runner-sets-lock-timeout = true
        exclude = ["db/legacy/**"]
        [rules.severity]
        ban-drop-column = "error"
        """);
    write("db/V2__drop.sql", "ALTER TABLE users DROP COLUMN legacy;\n");
    write("db/legacy/V1__old.sql", "CREATE INDEX i ON users (email);\n");
    var run = CliRunner.run("lint", "--format", "json", "--config", config.toString(), dir.resolve("db").toString());
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("findings")).hasSize(1); // no lock_timeout finding, legacy/ excluded
    assertThat(json.at("/findings/0/rule").asText()).isEqualTo("ban-drop-column");
    assertThat(json.at("/findings/0/severity").asText()).isEqualTo("error");
    assertThat(run.code()).isEqualTo(1);
    var bad = CliRunner.run("lint", "--config", write("x/lockstep.toml", "colour = 1\n").toString(), dir.toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).startsWith("lockstep: " + dir.resolve("x/lockstep.toml") + ":1: unknown key 'colour'");
  }
}
