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

  @Test
  void aFileIsJudgedAfterItsEarlierMigrationsAsTheCommandLineJudgesIt() throws Exception {
    Path db = Files.createDirectories(dir.resolve("db/migration"));
    Files.writeString(db.resolve("V1__accounts.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY, email text);\n");
    Files.writeString(db.resolve("V2__check.sql"), "SET lock_timeout = '1s';\n"
        + "ALTER TABLE accounts ADD CONSTRAINT accounts_email_nn CHECK (email IS NOT NULL) NOT VALID;\n");
    Files.writeString(db.resolve("V3__validate.sql"),
        "SET lock_timeout = '1s';\nALTER TABLE accounts VALIDATE CONSTRAINT accounts_email_nn;\n");
    Path v4 = Files.writeString(db.resolve("V4__not_null.sql"),
        "SET lock_timeout = '1s';\nALTER TABLE accounts ALTER COLUMN email SET NOT NULL;\n");
    assertThat(Lockstep.lint(v4)).isEmpty();
    assertThat(Lockstep.lint(db)).isEmpty();
    // the near-miss: a CHECK never validated still flags SET NOT NULL
    Files.writeString(db.resolve("V3__validate.sql"), "SET lock_timeout = '1s';\n");
    assertThat(Lockstep.lint(v4)).extracting(Finding::ruleId).containsExactly("require-check-for-set-not-null");
  }

  @Test
  void aHistoryThatCannotBeUsedIsAnErrorNotAVerdictOnTheFileAlone() throws Exception {
    Path db = Files.createDirectories(dir.resolve("db/migration"));
    Files.writeString(db.resolve("V1__a.sql"), "CREATE TABLE a (id bigint);\n");
    Files.writeString(db.resolve("V1__b.sql"), "CREATE TABLE b (id bigint);\n");
    Path v2 = Files.writeString(db.resolve("V2__c.sql"), "SET lock_timeout = '1s';\nALTER TABLE a ADD COLUMN x int;\n");
    assertThatThrownBy(() -> Lockstep.lint(v2)).isInstanceOf(IOException.class)
        .hasMessageContaining("version 1 is also");
  }
}
