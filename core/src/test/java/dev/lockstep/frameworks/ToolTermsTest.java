package dev.lockstep.frameworks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Linter;
import dev.lockstep.rules.Rules;
import dev.lockstep.source.SourceFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Advice in the terms of the file's tool: its own setting, and the generic list only when the tool is unknown. */
class ToolTermsTest {
  private static final Linter LINTER = new Linter(Rules.all(), LintOptions.defaults());
  private static final String CIC = "CREATE INDEX CONCURRENTLY orders_user_idx ON orders (user_id);\n";

  private static Finding first(String path, String sql, String rule) {
    MigrationScript s = MigrationScript.of(Path.of(path), SourceFile.of(path, sql), null, false);
    List<Finding> found = LINTER.lint(s.source(), s.plan()).findings().stream().filter(f -> f.ruleId().equals(rule)).toList();
    assertThat(found).as(path).isNotEmpty();
    return found.get(0);
  }

  @Test
  void concurrentlyInATransaction() {
    assertThat(first("changelog/001.sql", "--liquibase formatted sql\n--changeset ana:1\n" + CIC,
        "ban-concurrently-in-transaction").rewrite().summary()).contains("runInTransaction:false")
        .doesNotContain("goose", "Flyway");
    assertThat(first("db/migrations/20240101000000_i.sql", "-- +goose Up\n" + CIC, "ban-concurrently-in-transaction")
        .rewrite().summary()).contains("-- +goose NO TRANSACTION").doesNotContain("Liquibase");
    assertThat(first("db/migration/V4__i.sql", "SET lock_timeout = '2s';\n" + CIC, "ban-concurrently-in-transaction")
        .rewrite().summary()).contains("executeInTransaction=false", "flyway.postgresql.transactional.lock=false")
        .doesNotContain("goose");
    // the tool is not known: every tool's opt-out
    assertThat(first("sql/004_i.sql", "BEGIN;\n" + CIC + "COMMIT;\n", "ban-concurrently-in-transaction")
        .rewrite().summary()).contains("goose", "dbmate", "Flyway", "Liquibase");
  }

  @Test
  void stepsArePlacedInTheToolsTerms() {
    String index = "SET lock_timeout = '2s';\nCREATE INDEX orders_user_idx ON orders (user_id);\n";
    assertThat(first("db/migration/V4__i.sql", index, "require-concurrent-index").rewrite().steps().get(0).runs())
        .isEqualTo("in a versioned script of its own whose .conf holds executeInTransaction=false, with "
            + "flyway.postgresql.transactional.lock=false in flyway.conf");
    assertThat(first("changelog/001.sql", "--liquibase formatted sql\n--changeset ana:1\n" + index, "require-concurrent-index")
        .rewrite().steps().get(0).runs()).isEqualTo("in a changeset of its own marked runInTransaction:false");
    String validate = "ALTER TABLE orders ADD CONSTRAINT c CHECK (id > 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT c;\n";
    assertThat(first("db/migration/V5__c.sql", validate, "ban-validate-in-same-transaction").rewrite().steps().get(0).runs())
        .isEqualTo("in a later versioned script (Flyway commits each script on its own)");
    assertThat(first("changelog/002.sql", "--liquibase formatted sql\n--changeset ana:2\n" + validate,
        "ban-validate-in-same-transaction").rewrite().steps().get(0).runs())
        .isEqualTo("in a later changeset (Liquibase commits each changeset on its own)");
  }

  /** A rule's step and ban-concurrently-in-transaction's advice name the same way out of the tool's transaction. */
  @Test
  void aStepAndTheAdviceNameOneWayOut() {
    String index = "SET lock_timeout = '2s';\nCREATE INDEX orders_user_idx ON orders (user_id);\n";
    String[][] files = {
        {"db/migrations/20240101000000_i.sql", "-- +goose Up\n", "in a migration of its own marked -- +goose NO TRANSACTION"},
        {"db/migrations/20240101000001_i.sql", "-- migrate:up\n",
            "in a migration of its own marked -- migrate:up transaction:false"},
        {"migrations/000002_i.up.sql", "", "alone in a migration of its own"},
        {"migrations/1717000000000_i.sql", "-- Up Migration\n", "in a migration of its own that calls pgm.noTransaction()"},
        {"sql/006_i.sql", "BEGIN;\n", "outside a transaction block"}};
    for (String[] f : files) {
      String step = first(f[0], f[1] + index + (f[1].startsWith("BEGIN") ? "COMMIT;\n" : ""), "require-concurrent-index")
          .rewrite().steps().get(0).runs();
      assertThat(step).as(f[0]).isEqualTo(f[2]);
      String advice = first(f[0], f[1] + CIC + (f[1].startsWith("BEGIN") ? "COMMIT;\n" : "SELECT 1;\n"),
          "ban-concurrently-in-transaction").rewrite().steps().get(0).runs();
      assertThat(advice).as(f[0]).isEqualTo(step);
    }
  }

  @Test
  void nodePgMigratesLaterTransactionIsAMigrationThatCallsNoTransaction() {
    String validate = "-- Up Migration\nALTER TABLE orders ADD CONSTRAINT c CHECK (id > 0) NOT VALID;\n"
        + "ALTER TABLE orders VALIDATE CONSTRAINT c;\n";
    var rewrite = first("migrations/1717000000000_c.sql", validate, "ban-validate-in-same-transaction").rewrite();
    assertThat(rewrite.summary()).isEqualTo("node-pg-migrate runs every pending migration in one transaction by "
        + "default, so a later SQL migration of the same deploy is still this transaction: put the statement in a "
        + "JavaScript migration of its own that calls pgm.noTransaction() (node-pg-migrate then commits the migrations "
        + "before it), or ship it in a later deploy");
    assertThat(rewrite.steps().get(0).runs()).isEqualTo("in a migration of its own that calls pgm.noTransaction()");
  }

  @Test
  void postgresMigrationsStepNamesItsMarker(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    java.nio.file.Files.writeString(dir.resolve("package.json"), "{\"dependencies\": {\"postgres-migrations\": \"5.3.0\"}}");
    java.nio.file.Files.createDirectories(dir.resolve("migrations"));
    String index = "SET lock_timeout = '2s';\nCREATE INDEX orders_user_idx ON orders (user_id);\n";
    String path = dir.resolve("migrations/9_i.sql").toString();
    assertThat(first(path, index, "require-concurrent-index").rewrite().steps().get(0).runs())
        .isEqualTo("alone in a migration of its own marked -- postgres-migrations disable-transaction");
  }

  @Test
  void nodePgMigratesWayOutNeedsNoOtherSetting() {
    assertThat(first("migrations/1717000000000_i.sql", "-- Up Migration\n" + CIC, "ban-concurrently-in-transaction")
        .rewrite().summary()).contains("pgm.noTransaction()", "commits the migrations before it")
        .doesNotContain("--no-single-transaction", "goose");
  }

  @Test
  void lockTimeoutFixesStayInTheMigration() {
    Finding flyway = first("db/migration/V6__n.sql", "ALTER TABLE orders ADD COLUMN note text;\n", "require-lock-timeout");
    assertThat(flyway.fixes().get(0).edits()).extracting(e -> e.text()).containsExactly("SET LOCAL lock_timeout = '2s';\n");
    Finding optedOut = first("changelog/003.sql", "--liquibase formatted sql\n--changeset ana:3 runInTransaction:false\n"
        + "ALTER TABLE orders ADD COLUMN note text;\n", "require-lock-timeout");
    assertThat(optedOut.fixes().get(0).edits()).extracting(e -> e.text())
        .containsExactly("SET lock_timeout = '2s';\n", "\nRESET lock_timeout;");
    Finding plain = first("sql/005_n.sql", "ALTER TABLE orders ADD COLUMN note text;\n", "require-lock-timeout");
    assertThat(plain.fixes().get(0).edits()).extracting(e -> e.text()).containsExactly("SET lock_timeout = '2s';\n");
  }
}
