package dev.lockstep.frameworks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Linter;
import dev.lockstep.parse.SqlParser;
import dev.lockstep.rules.Rules;
import dev.lockstep.source.SourceFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each tool's transaction rules and markers change what lockstep reports. */
class FrameworkSemanticsTest {
  static final Linter LINTER = new Linter(Rules.all(), LintOptions.defaults(), new SqlParser());
  static final String CIC = "CREATE INDEX CONCURRENTLY orders_user_idx ON orders (user_id);\n";

  static MigrationScript script(String path, String sql, boolean includeDown) {
    return MigrationScript.of(Path.of(path), SourceFile.of(path, sql), null, includeDown);
  }

  static List<String> rules(String path, String sql) {
    MigrationScript s = script(path, sql, false);
    assertThat(s.skipped()).as(path).isNull();
    FileResult r = LINTER.lint(s.source(), s.plan());
    assertThat(r.syntaxErrors()).as(path).isEmpty();
    return r.findings().stream().map(f -> f.ruleId() + "@" + f.start().line()).toList();
  }

  @Test
  void gooseWrapsUpInATransactionUnlessNoTransaction() {
    assertThat(rules("db/20240101_a.sql", "-- +goose Up\n" + CIC + "-- +goose Down\nDROP TABLE orders;\n"))
        .containsExactly("ban-concurrently-in-transaction@2");
    assertThat(rules("db/20240101_a.sql", "-- +goose NO TRANSACTION\n-- +goose Up\n" + CIC
        + "-- +goose Down\nDROP TABLE orders;\n")).isEmpty(); // Down is not linted
    MigrationScript withDown = script("db/20240101_a.sql", "-- +goose NO TRANSACTION\n-- +goose Up\n" + CIC
        + "-- +goose Down\nDROP INDEX CONCURRENTLY IF EXISTS orders_user_idx;\nDROP TABLE orders;\n", true);
    assertThat(LINTER.lint(withDown.source(), withDown.plan()).findings()).extracting(Finding::ruleId)
        .containsExactly("ban-drop-table", "require-lock-timeout");
  }

  @Test
  void gooseStatementEndTerminatesAStatement() {
    assertThat(rules("db/20240102_b.sql", "-- +goose Up\n-- +goose StatementBegin\nSELECT 1\n-- +goose StatementEnd\n"
        + "SET lock_timeout = '2s';\n-- +goose StatementBegin\nALTER TABLE orders ADD COLUMN note text\n-- +goose StatementEnd\n"))
        .isEmpty();
  }

  @Test
  void dbmateTransactionFalseMarker() {
    assertThat(rules("db/migrations/1_a.sql", "-- migrate:up\n" + CIC + "\n-- migrate:down\n"))
        .containsExactly("ban-concurrently-in-transaction@2");
    assertThat(rules("db/migrations/1_a.sql", "-- migrate:up transaction:false\n" + CIC + "\n-- migrate:down\nDROP TABLE x;\n"))
        .isEmpty();
  }

  @Test
  void liquibaseRunInTransactionFalsePerChangeset() {
    String sql = "--liquibase formatted sql\n--changeset ana:1\n" + CIC + "--rollback DROP INDEX orders_user_idx;\n"
        + "--changeset ana:2 runInTransaction:false\n" + CIC.replace("orders_user_idx", "orders_state_idx")
        .replace("user_id", "state");
    assertThat(rules("changelog/001.sql", sql)).containsExactly("ban-concurrently-in-transaction@3");
  }

  @Test
  void oneCallRunnersWrapOnlyMultiStatementFiles() {
    assertThat(rules("migrations/000042_index.up.sql", CIC)).isEmpty();
    assertThat(rules("migrations/000042_index.up.sql", "SET lock_timeout = '2s';\n" + CIC))
        .containsExactly("ban-concurrently-in-transaction@2");
    assertThat(rules("prisma/migrations/20240101_idx/migration.sql", CIC)).isEmpty();
    assertThat(rules("prisma/migrations/20240101_idx/migration.sql", CIC + CIC.replace("orders_user_idx", "x")))
        .containsExactly("ban-concurrently-in-transaction@1", "ban-concurrently-in-transaction@2");
    assertThat(script("migrations/000042_index.down.sql", "DROP TABLE orders;", false).skipped()).isEqualTo("down migration");
  }

  @Test
  void beginInAOneCallFileIsNotNestedButInAWrappedFileIs() {
    String explicit = "BEGIN;\nSET LOCAL lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\nCOMMIT;\n";
    assertThat(rules("prisma/migrations/20240101_note/migration.sql", explicit)).isEmpty();
    assertThat(rules("db/migration/V6__note.sql", explicit)).containsExactly("ban-nested-transaction@1");
  }

  @Test
  void flywayWrapsUnlessAStatementCannotRunInATransaction() {
    assertThat(rules("db/migration/V3__backfill.sql", "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN c int;\n"
        + "UPDATE orders SET c = 1 WHERE c IS NULL;\n"))
        .containsExactly("ban-backfill-in-ddl-transaction@3", "ban-work-after-access-exclusive-lock@3");
    // alone, Flyway runs it without a transaction, but its lock transaction makes it hang (FlywayOnPostgresTest)
    assertThat(rules("db/migration/V4__index.sql", CIC)).containsExactly("ban-concurrently-in-transaction@1");
    // beside a statement Flyway runs in a transaction, Flyway refuses the script (mixed is false by default)
    assertThat(rules("db/migration/V4__index.sql", "SET lock_timeout = '2s';\n" + CIC))
        .containsExactly("ban-concurrently-in-transaction@2");
    assertThat(script("db/migration/U3__undo.sql", "DROP TABLE orders;", false).skipped()).isEqualTo("Flyway undo migration");
    assertThat(rules("db/migration/V5__placeholders.sql", "SET lock_timeout = '2s';\nALTER TABLE ${schema}.orders "
        + "ADD COLUMN note text;\n")).isEmpty();
  }

  @Test
  void placeholdersOfEqualLengthMapBackByPosition() {
    String sql = "SET lock_timeout = '2s';\nCREATE INDEX ${idxname1} ON ${tablenam} (a);\n"
        + "CREATE INDEX ${idxname2} ON ${tablenam} (b);\n";
    MigrationScript s = script("db/migration/V6__placeholder_index.sql", sql, false);
    assertThat(s.source().placeholders()).extracting(p -> p.original() + "@" + p.span().start())
        .containsExactly("${idxname1}@38", "${tablenam}@53", "${idxname2}@83", "${tablenam}@98");
    // one placeholder written twice is one identifier; equal lengths still give distinct ones
    assertThat(s.source().placeholders().get(1).masked()).isEqualTo(s.source().placeholders().get(3).masked())
        .isNotEqualTo(s.source().placeholders().get(0).masked());
    FileResult r = LINTER.lint(s.source(), s.plan());
    assertThat(r.findings()).extracting(f -> f.ruleId() + "@" + f.start().line() + ":" + f.start().column())
        .containsExactly("require-concurrent-index@2:1", "require-concurrent-index@3:1");
    assertThat(r.findings().get(0).message()).contains("on ${tablenam}").doesNotContain("idxname").doesNotContain("__");
    assertThat(r.findings().get(0).lock().describeLocks()).isEqualTo("SHARE on ${tablenam}");
    assertThat(r.findings().get(0).rewrite().steps().get(0).sql()).contains("${idxname1}").contains("${tablenam}");
  }

  @Test
  void popAutocommitFiles() {
    assertThat(rules("migrations/20240101000000000000_idx.autocommit.up.sql", CIC)).isEmpty();
    assertThat(rules("migrations/20240101000000000000_idx.postgres.up.sql", CIC))
        .containsExactly("ban-concurrently-in-transaction@1");
    assertThat(rules("migrations/00_init.up.sql", "SET lock_timeout = '2s';\n"
        + "CREATE TABLE {{ index .Options \"Namespace\" }}.users (id uuid);\n")).isEmpty();
  }

  @Test
  void psqlScriptsSkipMetaCommandsAndCopyData() {
    assertThat(rules("schema/deploy/load.sql", "\\set ON_ERROR_STOP on\n\\connect app\nCREATE TABLE t (a int, b text);\n"
        + "COPY t (a, b) FROM stdin;\n1\tit's; not SQL\n2\t\\N\n\\.\nSELECT 1;\n")).isEmpty();
  }
}
