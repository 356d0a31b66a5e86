package dev.lockstep.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Linter;
import dev.lockstep.engine.ReplayedMigration;
import dev.lockstep.engine.SchemaModel;
import dev.lockstep.engine.TransactionPlan;
import dev.lockstep.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Verdicts that depend on what earlier migrations did: each case replays two or three files with
 * {@link Linter#replay} and lints the last one on the model, and each has its near-miss.
 */
class HistoryVerdictsTest {
  private static final Linter LINTER = new Linter(Rules.all(), LintOptions.defaults(), FixtureTest.PARSER);

  private static SourceFile file(String path, String sql) {
    return SourceFile.of(path, sql);
  }

  private static ReplayedMigration applied(SourceFile f) {
    return new ReplayedMigration(f, TransactionPlan.whole(f.text().length(), TransactionPlan.Mode.WRAPPED), false);
  }

  private static ReplayedMigration pending(SourceFile f) {
    return new ReplayedMigration(f, TransactionPlan.whole(f.text().length(), TransactionPlan.Mode.WRAPPED), true);
  }

  /** "rule@line:column" of every finding, in report order. */
  private static List<String> findings(SchemaModel before, SourceFile file) {
    FileResult r = LINTER.lint(file, TransactionPlan.whole(file.text().length(), TransactionPlan.Mode.WRAPPED), before);
    assertThat(r.syntaxErrors()).isEmpty();
    List<String> out = new ArrayList<>();
    for (Finding f : r.findings()) out.add(f.ruleId() + "@" + f.start().line() + ":" + f.start().column());
    return out;
  }

  private static final SourceFile V2_CHECK = file("db/migration/V2__email_check.sql",
      "SET lock_timeout = '2s';\n"
          + "ALTER TABLE accounts ADD CONSTRAINT accounts_email_nn CHECK (email IS NOT NULL) NOT VALID;\n");
  private static final SourceFile V3_VALIDATE = file("db/migration/V3__validate.sql",
      "ALTER TABLE accounts VALIDATE CONSTRAINT accounts_email_nn;\n");
  private static final SourceFile V4_SET_NOT_NULL = file("db/migration/V4__email_not_null.sql",
      "SET lock_timeout = '2s';\n"
          + "ALTER TABLE accounts ALTER COLUMN email SET NOT NULL;\n");

  @Test
  void setNotNullAfterACheckValidatedInAnEarlierMigrationIsClean() {
    SchemaModel before = LINTER.replay(List.of(applied(V2_CHECK), applied(V3_VALIDATE)));
    assertThat(before.problems()).isEmpty();
    assertThat(findings(before, V4_SET_NOT_NULL)).isEmpty();
  }

  @Test
  void setNotNullAfterACheckNeverValidatedStillFlags() {
    SchemaModel before = LINTER.replay(List.of(applied(V2_CHECK)));
    assertThat(findings(before, V4_SET_NOT_NULL)).containsExactly("require-check-for-set-not-null@2:1");
  }

  @Test
  void setNotNullAloneStillFlags() {
    assertThat(findings(SchemaModel.empty(), V4_SET_NOT_NULL)).containsExactly("require-check-for-set-not-null@2:1");
  }

  @Test
  void setNotNullOnAColumnCheckedOnAnotherColumnStillFlags() {
    SourceFile other = file("V4__name.sql", "SET lock_timeout = '2s';\nALTER TABLE accounts ALTER COLUMN name SET NOT NULL;\n");
    SchemaModel before = LINTER.replay(List.of(applied(V2_CHECK), applied(V3_VALIDATE)));
    assertThat(findings(before, other)).containsExactly("require-check-for-set-not-null@2:1");
  }

  private static final SourceFile V1_INVOICES = file("db/migration/V1__invoices.sql",
      "CREATE TABLE invoices (id bigint PRIMARY KEY, amount numeric(10,2), note varchar(50), body text);\n");

  private static SourceFile alter(String change) {
    return file("db/migration/V5__change.sql", "SET lock_timeout = '2s';\nALTER TABLE invoices ALTER COLUMN " + change + ";\n");
  }

  @Test
  void wideningAgainstTheDeclaredTypeIsClean() {
    SchemaModel before = LINTER.replay(List.of(applied(V1_INVOICES)));
    assertThat(findings(before, alter("amount TYPE numeric(12,2)"))).isEmpty();
    assertThat(findings(before, alter("amount TYPE numeric"))).isEmpty();
    assertThat(findings(before, alter("note TYPE varchar(200)"))).isEmpty();
    assertThat(findings(before, alter("note TYPE text"))).isEmpty();
    assertThat(findings(before, alter("body TYPE varchar"))).isEmpty();
  }

  @Test
  void unqualifiedNamesResolveThroughTheSearchPath() {
    SourceFile inApp = file("db/migration/V1__invoices.sql", "CREATE SCHEMA billing;\nSET search_path TO billing;\n"
        + "CREATE TABLE invoices (id bigint PRIMARY KEY, amount numeric(10,2));\n");
    SchemaModel before = LINTER.replay(List.of(applied(inApp)));
    assertThat(before.table(new dev.lockstep.engine.ObjectName("billing", "invoices"))).isPresent();
    assertThat(before.table(new dev.lockstep.engine.ObjectName("public", "invoices"))).isEmpty();
    String widen = "ALTER TABLE invoices ALTER COLUMN amount TYPE numeric(12,2);\n";
    // the linted file sets the path too: its invoices is billing.invoices, whose declared type is known
    assertThat(findings(before, file("V5__change.sql", "SET lock_timeout = '2s';\nSET search_path = billing, public;\n"
        + widen))).isEmpty();
    assertThat(findings(before, file("V5__change.sql", "SET lock_timeout = '2s';\n"
        + "ALTER TABLE billing.invoices ALTER COLUMN amount TYPE numeric(12,2);\n"))).isEmpty();
    // near-misses: each migration runs in a session of its own, so V1's path does not reach V5, whose
    // invoices is public.invoices, unknown; a path that names another schema first finds public's
    assertThat(findings(before, file("V5__change.sql", "SET lock_timeout = '2s';\n" + widen)))
        .containsExactly("ban-column-type-change@2:1");
    assertThat(findings(before, file("V5__change.sql", "SET lock_timeout = '2s';\nSET search_path TO public;\n"
        + widen))).containsExactly("ban-column-type-change@3:1");
    // SET LOCAL ends with its transaction (Flyway's own wraps the file: the BEGIN is nested)
    assertThat(findings(before, file("V5__change.sql", "SET lock_timeout = '2s';\nBEGIN;\nSET LOCAL search_path TO billing;\n"
        + "COMMIT;\n" + widen))).containsExactly("ban-nested-transaction@2:1", "ban-column-type-change@5:1");
  }

  @Test
  void narrowingOrAScaleChangeAgainstTheDeclaredTypeIsARewrite() {
    SchemaModel before = LINTER.replay(List.of(applied(V1_INVOICES)));
    FileResult narrowing = LINTER.lint(alter("note TYPE varchar(20)"),
        TransactionPlan.whole(80, TransactionPlan.Mode.WRAPPED), before);
    assertThat(narrowing.findings()).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("ban-column-type-change");
      assertThat(f.severity().name()).isEqualTo("ERROR");
      assertThat(f.start().line()).isEqualTo(2);
      assertThat(f.message()).contains("narrows varchar(50) (declared at V1__invoices.sql)");
    });
    FileResult scale = LINTER.lint(alter("amount TYPE numeric(12,3)"),
        TransactionPlan.whole(80, TransactionPlan.Mode.WRAPPED), before);
    assertThat(scale.findings()).singleElement().satisfies(f -> {
      assertThat(f.severity().name()).isEqualTo("ERROR");
      assertThat(f.message()).contains("changes the scale of numeric(10,2)");
    });
    assertThat(findings(before, alter("amount TYPE numeric(8,2)"))).containsExactly("ban-column-type-change@2:1");
    assertThat(findings(before, alter("body TYPE varchar(10)"))).containsExactly("ban-column-type-change@2:1");
  }

  @Test
  void aTypeTheHistoryDoesNotDeclareKeepsTheHedgedWarning() {
    FileResult r = LINTER.lint(alter("amount TYPE numeric(12,2)"),
        TransactionPlan.whole(80, TransactionPlan.Mode.WRAPPED), SchemaModel.empty());
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.severity().name()).isEqualTo("WARNING");
      assertThat(f.message()).contains("unless it only widens");
    });
  }

  @Test
  void aTableOfAPendingMigrationIsNewAndOfAnAppliedOneLive() {
    SourceFile index = file("V6__index.sql", "SET lock_timeout = '2s';\nCREATE INDEX invoices_amount ON invoices (amount);\n");
    assertThat(findings(LINTER.replay(List.of(pending(V1_INVOICES))), index)).isEmpty();
    assertThat(findings(LINTER.replay(List.of(applied(V1_INVOICES))), index))
        .containsExactly("require-concurrent-index@2:1");
  }

  @Test
  void aStatementThatDoesNotParseInTheHistoryIsReportedWithItsPlace() {
    SourceFile broken = file("db/migration/V2__broken.sql", "CREATE TABLE ok (id int);\nCREAT TABLE nope (id int);\n");
    SchemaModel model = LINTER.replay(List.of(applied(V1_INVOICES), applied(broken)));
    assertThat(model.problems()).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("db/migration/V2__broken.sql");
      assertThat(p.line()).isEqualTo(2);
      assertThat(p.column()).isEqualTo(1);
      assertThat(p.message().english()).contains("syntax error");
    });
    assertThat(model.table(new dev.lockstep.engine.ObjectName(null, "ok"))).isPresent();
  }

  @Test
  void theReplayedModelIsFrozenAndReusable() {
    SchemaModel before = LINTER.replay(List.of(applied(V1_INVOICES)));
    assertThat(before.frozen()).isTrue();
    // a lint that creates and alters objects works on its own copy
    findings(before, file("V7.sql", "CREATE TABLE other (id int);\nALTER TABLE invoices DROP COLUMN note;\n"));
    assertThat(before.table(new dev.lockstep.engine.ObjectName("public", "other"))).isEmpty();
    assertThat(before.table(new dev.lockstep.engine.ObjectName("public", "invoices")).orElseThrow().column("note"))
        .isPresent();
  }

  private static final SourceFile V1_USERS = file("db/migration/V1__users.sql",
      "CREATE TABLE users (id bigint NOT NULL, email text, status text);\n");

  @Test
  void aKeyUsingAUniqueIndexBuiltConcurrentlyEarlierIsClean() {
    SourceFile index = file("V2__idx.sql", "CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);\n");
    SourceFile add = file("V3__key.sql",
        "SET lock_timeout = '2s';\nALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;\n");
    SchemaModel before = LINTER.replay(List.of(applied(V1_USERS), applied(index)));
    assertThat(findings(before, add)).isEmpty();
    assertThat(before.index(new dev.lockstep.engine.ObjectName(null, "users_email_key")).orElseThrow().concurrently())
        .isTrue();
    // near-miss: the same key without the index builds one under SHARE ROW EXCLUSIVE ... ACCESS EXCLUSIVE
    SourceFile plain = file("V3__key.sql", "SET lock_timeout = '2s';\nALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);\n");
    assertThat(findings(before, plain)).containsExactly("require-unique-index-for-constraint@2:1");
  }

  @Test
  void validatingAConstraintAddedNotValidInAnEarlierMigrationIsClean() {
    SourceFile nv = file("V2__nv.sql",
        "SET lock_timeout = '2s';\nALTER TABLE users ADD CONSTRAINT users_status_ok CHECK (status <> '') NOT VALID;\n");
    SourceFile v = file("V3__v.sql", "SET lock_timeout = '2s';\nALTER TABLE users VALIDATE CONSTRAINT users_status_ok;\n");
    assertThat(findings(LINTER.replay(List.of(applied(V1_USERS), applied(nv))), v)).isEmpty();
    // near-miss: in the same transaction as the ADD, the ADD's lock is still held
    SourceFile both = file("V2__both.sql", "SET lock_timeout = '2s';\n"
        + "ALTER TABLE users ADD CONSTRAINT users_status_ok CHECK (status <> '') NOT VALID;\n"
        + "ALTER TABLE users VALIDATE CONSTRAINT users_status_ok;\n");
    assertThat(findings(LINTER.replay(List.of(applied(V1_USERS))), both))
        .containsExactly("ban-validate-in-same-transaction@3:1", "ban-work-after-access-exclusive-lock@3:1");
  }

  @Test
  void anEnumValueAddedInAnEarlierMigrationCanBeUsed() {
    SourceFile e = file("V2__e.sql", "ALTER TYPE mood ADD VALUE 'ecstatic';\n");
    SourceFile use = file("V3__use.sql", "SET lock_timeout = '2s';\nUPDATE users SET status = 'ecstatic' WHERE id = 1;\n");
    assertThat(findings(LINTER.replay(List.of(applied(V1_USERS), applied(e))), use)).isEmpty();
    // near-miss: added in the same transaction
    assertThat(findings(SchemaModel.empty(), file("V4.sql",
        "ALTER TYPE mood ADD VALUE 'ecstatic';\nUPDATE users SET status = 'ecstatic' WHERE id = 1;\n")))
        .containsExactly("ban-enum-value-use-in-transaction@2:1");
  }

  @Test
  void anIndexOfAPendingMigrationIsDroppedWithoutTraffic() {
    SourceFile i = file("V2__i.sql", "CREATE INDEX users_status ON users (status);\n");
    SourceFile d = file("V3__d.sql", "SET lock_timeout = '2s';\nDROP INDEX users_status;\n");
    assertThat(findings(LINTER.replay(List.of(pending(V1_USERS), pending(i))), d)).isEmpty();
    // near-miss: the index of an applied migration is live
    assertThat(findings(LINTER.replay(List.of(applied(V1_USERS), applied(i))), d))
        .containsExactly("require-concurrent-drop-index@2:1");
  }

  @Test
  void aRenameAndRecreateSwapInOneTransactionNeverLosesTheName() {
    SourceFile swap = file("V3__swap.sql",
        "SET lock_timeout = '2s';\nALTER TABLE users RENAME TO users_old;\nCREATE TABLE users (id bigint);\n");
    // creating the new table is the step that keeps the name: it must run inside the lock, and does no work
    assertThat(findings(LINTER.replay(List.of(applied(V1_USERS))), swap)).isEmpty();
    // the same with a table built earlier, renamed into place
    SourceFile into = file("V3__swap.sql", "SET lock_timeout = '2s';\nCREATE TABLE users_new (id bigint);\n"
        + "ALTER TABLE users RENAME TO users_old;\nALTER TABLE users_new RENAME TO users;\n");
    assertThat(findings(LINTER.replay(List.of(applied(V1_USERS))), into)).isEmpty();
    // near-miss: copying the rows inside the lock is work that keeps every query of users waiting
    SourceFile copy = file("V3__swap.sql", "SET lock_timeout = '2s';\nALTER TABLE users RENAME TO users_old;\n"
        + "CREATE TABLE users (id bigint);\nINSERT INTO users SELECT * FROM users_old;\n");
    assertThat(findings(LINTER.replay(List.of(applied(V1_USERS))), copy))
        .containsExactly("ban-work-after-access-exclusive-lock@4:1");
    SourceFile copyAs = file("V3__swap.sql", "SET lock_timeout = '2s';\nALTER TABLE users RENAME TO users_old;\n"
        + "CREATE TABLE users AS SELECT * FROM users_old;\n");
    assertThat(findings(LINTER.replay(List.of(applied(V1_USERS))), copyAs))
        .containsExactly("ban-work-after-access-exclusive-lock@3:1");
    // near-miss: statement by statement, the name is missing between the two
    FileResult alone = LINTER.lint(swap, TransactionPlan.whole(swap.text().length(), TransactionPlan.Mode.AUTOCOMMIT),
        LINTER.replay(List.of(applied(V1_USERS))));
    assertThat(alone.findings()).extracting(f -> f.ruleId() + "@" + f.start().line()).containsExactly("ban-rename-table@2");
    // the rule's own recipe: a view of all of the renamed table under the old name; a view of
    // something else is not a stand-in
    SourceFile view = file("V3__view.sql", "SET lock_timeout = '2s';\nALTER TABLE users RENAME TO members;\n"
        + "CREATE VIEW users AS SELECT * FROM members;\n");
    assertThat(findings(LINTER.replay(List.of(applied(V1_USERS))), view)).isEmpty();
    SourceFile other = file("V3__view.sql", "SET lock_timeout = '2s';\nALTER TABLE users RENAME TO members;\n"
        + "CREATE VIEW users AS SELECT m.id FROM members m JOIN teams t ON t.id = m.id;\n");
    assertThat(findings(LINTER.replay(List.of(applied(V1_USERS))), other))
        .containsExactly("ban-rename-table@2:1", "ban-work-after-access-exclusive-lock@3:1");
    // near-miss: a rename without the recreate
    SourceFile rename = file("V3__rename.sql", "SET lock_timeout = '2s';\nALTER TABLE users RENAME TO members;\n");
    assertThat(findings(LINTER.replay(List.of(applied(V1_USERS))), rename)).containsExactly("ban-rename-table@2:1");
  }

  private static final SourceFile V1_EVENTS = file("db/migration/V1__events.sql",
      "CREATE TABLE events (id bigint PRIMARY KEY, at timestamp, seen timestamp UNIQUE);\n");

  @Test
  void timestampToTimestamptzInUtcIsMetadataOnlyWithoutAnIndexOnTheColumn() {
    SchemaModel before = LINTER.replay(List.of(applied(V1_EVENTS)));
    SourceFile utc = file("V3__tz.sql",
        "SET lock_timeout = '2s';\nSET timezone = 'UTC';\nALTER TABLE events ALTER COLUMN at TYPE timestamptz;\n");
    assertThat(findings(before, utc)).isEmpty();
    // near-misses: another zone rewrites; an index on the column is rebuilt; a table the history
    // does not know may have indexes
    SourceFile berlin = file("V3__tz.sql", "SET lock_timeout = '2s';\nSET timezone = 'Europe/Berlin';\n"
        + "ALTER TABLE events ALTER COLUMN at TYPE timestamptz;\n");
    assertThat(findings(before, berlin)).containsExactly("ban-column-type-change@3:1");
    SourceFile indexed = file("V3__tz.sql",
        "SET lock_timeout = '2s';\nSET TIME ZONE 'UTC';\nALTER TABLE events ALTER COLUMN seen TYPE timestamptz;\n");
    FileResult r = LINTER.lint(indexed, TransactionPlan.whole(200, TransactionPlan.Mode.WRAPPED), before);
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.start().line()).isEqualTo(3);
      assertThat(f.message()).contains("rebuilds events_seen_key on the column");
    });
    assertThat(findings(SchemaModel.empty(), utc)).containsExactly("ban-column-type-change@3:1");
  }

  @Test
  void theModelKnowsPartitionsViewsSequencesAndWhereEachFactCameFrom() {
    SourceFile v1 = file("db/migration/V1__events.sql", "CREATE SCHEMA app;\n"
        + "CREATE TABLE app.events (id bigint, at date NOT NULL DEFAULT now()) PARTITION BY RANGE (at);\n"
        + "CREATE TABLE app.events_2024 PARTITION OF app.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\n"
        + "CREATE TABLE app.events_2025 (id bigint, at date NOT NULL);\n"
        + "CREATE VIEW app.recent AS SELECT * FROM app.events;\nCREATE SEQUENCE app.ids;\n"
        + "CREATE TYPE app.mood AS ENUM ('ok', 'sad');\n");
    SourceFile v2 = file("db/migration/V2__attach.sql",
        "ALTER TABLE app.events ATTACH PARTITION app.events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');\n"
            + "ALTER TYPE app.mood ADD VALUE 'glad';\nALTER TABLE app.events RENAME COLUMN at TO day;\n");
    SchemaModel m = LINTER.replay(List.of(applied(v1), pending(v2)));
    var events = new dev.lockstep.engine.ObjectName("app", "events");
    assertThat(m.table(events).orElseThrow().partitioned()).isTrue();
    assertThat(m.partitionsOf(events)).extracting(t -> t.name().name()).containsExactly("events_2024", "events_2025");
    assertThat(m.table(events).orElseThrow().column("day").orElseThrow()).satisfies(c -> {
      assertThat(c.notNull()).isTrue();
      assertThat(c.hasDefault()).isTrue();
      assertThat(c.type().toString()).isEqualTo("date");
      assertThat(c.origin().describe()).isEqualTo("V1__events.sql");
      assertThat(c.origin().line()).isEqualTo(2);
    });
    assertThat(m.view(new dev.lockstep.engine.ObjectName("app", "recent"))).isPresent();
    assertThat(m.sequence(new dev.lockstep.engine.ObjectName("app", "ids"))).isPresent();
    assertThat(m.schema("app")).isPresent();
    assertThat(m.enumType(new dev.lockstep.engine.ObjectName("app", "mood")).orElseThrow().values().keySet())
        .containsExactly("ok", "sad", "glad");
    assertThat(m.table(events).orElseThrow().isNew()).isFalse(); // applied migration: live
  }

  @Test
  void droppingAnIndexOrConstraintTheHistoryMadeNamesWhatItLocks() {
    SourceFile v1 = file("V1__orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, "
        + "user_id bigint CONSTRAINT orders_owner REFERENCES users (id), CONSTRAINT audit_fk CHECK (id > 0));\n"
        + "CREATE INDEX orders_user ON orders (user_id);\n");
    SchemaModel before = LINTER.replay(List.of(applied(v1)));
    assertThat(before.problems()).isEmpty();
    FileResult dropIndex = LINTER.lint(file("V2.sql", "DROP INDEX orders_user;\n"),
        TransactionPlan.whole(40, TransactionPlan.Mode.AUTOCOMMIT), before);
    assertThat(dropIndex.findings()).extracting(Finding::ruleId)
        .containsExactly("require-concurrent-drop-index", "require-lock-timeout");
    assertThat(dropIndex.findings().get(1).message()).contains("on orders (the table of index orders_user)");
    // near-miss: an index the history does not know keeps today's wording
    FileResult unknown = LINTER.lint(file("V2.sql", "DROP INDEX other_idx;\n"),
        TransactionPlan.whole(40, TransactionPlan.Mode.AUTOCOMMIT), before);
    assertThat(unknown.findings().get(1).message()).contains("on the table of index other_idx");

    // a foreign key named without _fkey is known as one; a CHECK named like one is not
    FileResult fk = LINTER.lint(file("V3.sql", "ALTER TABLE orders DROP CONSTRAINT orders_owner;\n"),
        TransactionPlan.whole(60, TransactionPlan.Mode.AUTOCOMMIT), before);
    assertThat(fk.findings()).singleElement().satisfies(f ->
        assertThat(f.message()).contains("on orders and on the table its foreign key references"));
    FileResult check = LINTER.lint(file("V3.sql", "ALTER TABLE orders DROP CONSTRAINT audit_fk;\n"),
        TransactionPlan.whole(60, TransactionPlan.Mode.AUTOCOMMIT), before);
    assertThat(check.findings()).singleElement().satisfies(f ->
        assertThat(f.message()).contains("lock on orders with no lock_timeout").doesNotContain("foreign key"));
  }

  @Test
  void whatTheStatementsCannotTellStaysUnknown() {
    // ADD COLUMN IF NOT EXISTS on a table from before the history: the column may exist with another type
    SourceFile v1 = file("V1.sql", "ALTER TABLE task ADD COLUMN IF NOT EXISTS vendor_type varchar(16);\n");
    SourceFile v2 = file("V2.sql", "SET lock_timeout = '2s';\nALTER TABLE task ALTER COLUMN vendor_type TYPE varchar(64);\n");
    assertThat(findings(LINTER.replay(List.of(applied(v1))), v2)).containsExactly("ban-column-type-change@2:1");
    SourceFile plain = file("V1.sql", "ALTER TABLE task ADD COLUMN vendor_type varchar(16);\n");
    assertThat(findings(LINTER.replay(List.of(applied(plain))), v2)).isEmpty();
    // CREATE OR REPLACE VIEW may replace a view in use: a trigger on it is not on a new object
    SourceFile view = file("V3.sql", "CREATE OR REPLACE VIEW jobs_view AS SELECT 1 AS id;\n"
        + "CREATE TRIGGER jobs_insert INSTEAD OF INSERT ON jobs_view FOR EACH ROW EXECUTE FUNCTION f();\n");
    assertThat(findings(SchemaModel.empty(), view)).contains("ban-trigger-change-on-existing-table@2:1");
  }
}
