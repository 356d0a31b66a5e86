package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Flyway configuration file lockstep cannot read is named once, and the scripts are judged with Flyway's defaults. */
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
}
