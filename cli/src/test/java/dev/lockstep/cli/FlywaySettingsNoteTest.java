package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Flyway configuration file lockstep cannot read is named once, and the scripts are judged with
 * Flyway's defaults; settings from outside the repository (environment variables) are said.
 */
class FlywaySettingsNoteTest {
  @TempDir
  Path dir;

  @Test
  void aBrokenFlywayTomlIsNamedAndNeverMakesAScriptClean() throws Exception {
    Path script = dir.resolve("db/migration/V2__index.sql");
    Files.createDirectories(script.getParent());
    Files.writeString(script, "CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);\n");
    // it would turn the lock transaction off, if Flyway could read it
    Files.writeString(dir.resolve("flyway.toml"), "[flyway.postgresql.transactional\nlock = false\n");
    CliRunner.Result r = CliRunner.run("lint", "--format", "gcc", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out() + r.err()).contains(dir.resolve("flyway.toml") + ":1:1: error: Flyway settings cannot be parsed: ")
        .contains("line 1; " + script + " judged with Flyway's defaults (mixed=false, postgresql.transactional.lock=true)")
        .contains(script + ":1:1: error: CREATE INDEX CONCURRENTLY waits for every open transaction");

    Files.delete(dir.resolve("flyway.toml"));
    Files.writeString(dir.resolve("flyway.conf"), "flyway.postgresql.transactional.lock=false\n");
    CliRunner.Result fixed = CliRunner.run("lint", "--format", "gcc", dir.toString());
    assertThat(fixed.code()).as(fixed.out() + fixed.err()).isZero();
  }

  /** lockstep in a new JVM with {@code environment} added to this one's: exit code, then stdout, then stderr. */
  private static String lintWith(Map<String, String> environment, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.lockstep.cli.Main", "lint"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().keySet().removeIf(k -> k.startsWith("FLYWAY_") || k.startsWith("SPRING_FLYWAY_"));
    pb.environment().putAll(environment);
    Path err = Files.createTempFile("lockstep-err", ".txt");
    try {
      Process p = pb.redirectError(err.toFile()).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      return p.exitValue() + "\n" + out + Files.readString(err);
    } finally {
      Files.deleteIfExists(err);
    }
  }

  @Test
  void anEnvironmentVariableThatChangesTheVerdictIsSaid() throws Exception {
    Path script = dir.resolve("db/migration/V2__index.sql");
    Files.createDirectories(script.getParent());
    Files.writeString(script, "CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);\n");
    Files.writeString(script.resolveSibling("V2__index.sql.conf"), "executeInTransaction=false\n");
    String without = lintWith(Map.of(), "--format", "gcc", script.toString());
    assertThat(without).startsWith("1\n").contains(script + ":1:1: error: CREATE INDEX CONCURRENTLY waits for every open transaction");

    String with = lintWith(Map.of("FLYWAY_POSTGRESQL_TRANSACTIONAL_LOCK", "false"), "--format", "gcc",
        "--explain-detection", script.toString());
    assertThat(with).startsWith("0\n").doesNotContain("waits for every open transaction")
        .contains(script + ": flyway, from Flyway file name V2__index.sql; Flyway settings from Flyway's defaults, with "
            + "FLYWAY_POSTGRESQL_TRANSACTIONAL_LOCK from the environment\n")
        .contains("note: FLYWAY_POSTGRESQL_TRANSACTIONAL_LOCK=false in the environment overrides Flyway's defaults for the "
            + "Flyway scripts judged here: the verdicts hold where Flyway runs with it\n");
  }

  @Test
  void aComputedGradleSettingIsANoteAndTheStricterDefaultHolds() throws Exception {
    Path script = dir.resolve("src/main/resources/db/migration/V2__index.sql");
    Files.createDirectories(script.getParent());
    Files.writeString(script, "CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);\n");
    Files.writeString(script.resolveSibling("V2__index.sql.conf"), "executeInTransaction=false\n");
    Files.writeString(dir.resolve("build.gradle"), "flyway {\n  url = 'jdbc:postgresql://localhost/app'\n"
        + "  pluginConfiguration = [postgresqlTransactionalLock: findProperty('lock')]\n}\n");
    CliRunner.Result r = CliRunner.run("lint", "--format", "gcc", dir.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains(script + ":1:1: error: CREATE INDEX CONCURRENTLY waits for every open transaction");
    assertThat(r.err()).contains("note: build.gradle:3: the Flyway setting postgresqlTransactionalLock is "
        + "findProperty('lock'), which lockstep does not resolve; Flyway's default is assumed\n");
    CliRunner.Result init = CliRunner.run("init", "--output", dir.resolve("lockstep.toml").toString(), dir.toString());
    assertThat(init.err().lines().toList()).as("init says what lint says").containsExactly("note: build.gradle:3: the "
        + "Flyway setting postgresqlTransactionalLock is findProperty('lock'), which lockstep does not resolve; Flyway's "
        + "default is assumed");
    Files.delete(dir.resolve("lockstep.toml"));

    Files.writeString(dir.resolve("build.gradle"), "flyway {\n  pluginConfiguration = [postgresqlTransactionalLock: 'false']\n}\n");
    CliRunner.Result literal = CliRunner.run("lint", "--format", "gcc", dir.toString());
    assertThat(literal.code()).as(literal.out() + literal.err()).isZero();
  }
}
