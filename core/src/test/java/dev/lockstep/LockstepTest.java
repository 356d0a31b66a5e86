package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.engine.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library API, used the way a Flyway project would in its own test. */
class LockstepTest {
  @TempDir
  Path dir;

  @Test
  void lintsAFolderOfMigrations() throws Exception {
    Path migrations = Files.createDirectories(dir.resolve("src/main/resources/db/migration"));
    Files.writeString(migrations.resolve("V1__create.sql"), "CREATE TABLE t (id bigint);\nCREATE INDEX t_id ON t (id);\n");
    Files.writeString(migrations.resolve("V2__index.sql"), "SET lock_timeout = '2s';\nCREATE INDEX u_email ON users (email);\n");
    assertThat(Lockstep.lint(migrations)).extracting(Finding::ruleId).containsExactly("require-concurrent-index");
    assertThat(Lockstep.lint("CREATE INDEX CONCURRENTLY i ON t (x);")).isEmpty();
  }

  @Test
  void unparsableMigrationsAreErrorsNotSilence() throws Exception {
    Files.writeString(dir.resolve("V1__broken.sql"), "SELEC 1;\n");
    assertThatThrownBy(() -> Lockstep.lint(dir)).isInstanceOf(IOException.class)
        .hasMessageEndingWith("V1__broken.sql:1:1: syntax error at or near \"SELEC\"");
  }
}
