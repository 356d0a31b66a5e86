package dev.lockstep.frameworks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project's Flyway settings, from each file Flyway and Spring Boot read, and Flyway's defaults when one is broken. */
class FlywaySettingsTest {
  @TempDir
  Path dir;

  private FlywaySettings settings(String configName, String text) throws Exception {
    Path script = dir.resolve("db/migration/V2__x.sql");
    Files.createDirectories(script.getParent());
    Files.writeString(script, "SELECT 1;\n");
    Path config = dir.resolve(configName);
    Files.createDirectories(config.getParent());
    Files.writeString(config, text);
    return FlywaySettings.of(script);
  }

  @Test
  void withoutAFileFlywaysDefaultsHold() throws Exception {
    Files.createDirectories(dir.resolve("db/migration"));
    FlywaySettings s = FlywaySettings.of(dir.resolve("db/migration/V2__x.sql"));
    assertThat(s.mixed()).isFalse();
    assertThat(s.transactionalLock()).isTrue();
    assertThat(s.problem()).isNull();
  }

  @Test
  void flywayConf() throws Exception {
    FlywaySettings s = settings("flyway.conf", "flyway.mixed=true\nflyway.postgresql.transactional.lock=false\n");
    assertThat(s.mixed()).isTrue();
    assertThat(s.transactionalLock()).isFalse();
    assertThat(s.source()).isEqualTo(dir.resolve("flyway.conf"));
  }

  @Test
  void flywayToml() throws Exception {
    FlywaySettings s = settings("flyway.toml", "[flyway]\nmixed = true\n\n[flyway.postgresql.transactional]\nlock = false\n");
    assertThat(s.mixed()).isTrue();
    assertThat(s.transactionalLock()).isFalse();
  }

  @Test
  void springBootProperties() throws Exception {
    FlywaySettings s = settings("src/main/resources/application.properties",
        "spring.flyway.postgresql.transactional-lock=false\n");
    assertThat(s.mixed()).isFalse();
    assertThat(s.transactionalLock()).isFalse();
  }

  @Test
  void aBrokenFileIsNamedAndFlywaysDefaultsHold() throws Exception {
    FlywaySettings s = settings("flyway.toml", "[flyway\nmixed = true\n");
    assertThat(s.mixed()).isFalse();
    assertThat(s.transactionalLock()).isTrue();
    assertThat(s.source()).isEqualTo(dir.resolve("flyway.toml"));
    assertThat(s.problem().english()).startsWith("cannot be parsed: ").contains("line 1");
  }

  @Test
  void theSettingsDecideHowTheScriptRuns() throws Exception {
    settings("flyway.conf", "flyway.mixed=true\n");
    Path script = dir.resolve("db/migration/V2__x.sql");
    MigrationScript m = MigrationScript.of(script, dev.lockstep.source.SourceFile.of(script.toString(), "SELECT 1;\n"), null, false);
    assertThat(m.plan().regions()).extracting(r -> r.mode()).containsExactly(dev.lockstep.engine.TransactionPlan.Mode.FLYWAY_AUTO);
    assertThat(m.plan().toolLockTransaction()).isTrue();
    assertThat(m.plan().tool()).isEqualTo(dev.lockstep.engine.TransactionPlan.Tool.FLYWAY);
  }
}
