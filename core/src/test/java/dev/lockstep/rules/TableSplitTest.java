package dev.lockstep.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Linter;
import dev.lockstep.engine.ReplayedMigration;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.SchemaModel;
import dev.lockstep.engine.TransactionPlan;
import dev.lockstep.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ban-drop-column gives the split sequence only for a plain keyed copy (INSERT ... SELECT or CREATE TABLE
 * ... AS) into a new table, made by the file or by a migration read before it.
 */
class TableSplitTest {
  private static final Linter LINTER = new Linter(Rules.all(), LintOptions.defaults(), FixtureTest.PARSER);

  private static List<String> labels(String sql) {
    Finding f = LINTER.lint(SourceFile.of("V1__x.sql", "SET lock_timeout = '2s';\n" + sql)).findings().stream()
        .filter(x -> x.ruleId().equals("ban-drop-column")).findFirst().orElseThrow();
    return f.rewrite().steps().stream().map(Rewrite.Step::runs).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // no column that stays is copied: nothing keys the new rows to the old ones
      "CREATE TABLE addresses (street text);\nINSERT INTO addresses (street) SELECT street FROM users;\n",
      // the new table is created neither by this file nor by a migration read before it
      "INSERT INTO addresses (user_id, street) SELECT id, street FROM users;\n",
      // another table of that name, in another schema
      "CREATE TABLE addresses (user_id bigint PRIMARY KEY, street text);\n"
          + "INSERT INTO addresses (user_id, street) SELECT id, street FROM app.users;\n",
      // a materialized view is no table to split into
      "CREATE MATERIALIZED VIEW addresses AS SELECT id AS user_id, street FROM users;\n",
      // created empty and never filled
      "CREATE TABLE addresses AS SELECT id AS user_id, street FROM users WITH NO DATA;\n",
      // copied from another table
      "CREATE TABLE addresses (user_id bigint PRIMARY KEY, street text);\n"
          + "INSERT INTO addresses (user_id, street) SELECT id, street FROM people;\n",
      // an expression, not a column
      "CREATE TABLE addresses (user_id bigint PRIMARY KEY, street text);\n"
          + "INSERT INTO addresses (user_id, street) SELECT id, upper(street) FROM users;\n",
      // a join
      "CREATE TABLE addresses (user_id bigint PRIMARY KEY, street text);\n"
          + "INSERT INTO addresses (user_id, street) SELECT u.id, u.street FROM users u JOIN people p ON p.id = u.id;\n",
      // VALUES
      "CREATE TABLE addresses (user_id bigint PRIMARY KEY, street text);\n"
          + "INSERT INTO addresses (user_id, street) VALUES (1, 'x');\n",
      // the copy comes after the drop
      "CREATE TABLE addresses (user_id bigint PRIMARY KEY, street text);\nALTER TABLE users DROP COLUMN street;\n"
          + "INSERT INTO addresses (user_id, street) SELECT id, street FROM users;\n"})
  void otherwiseTheRewriteIsTheGenericOne(String before) {
    String sql = before.contains("DROP COLUMN") ? before : before + "ALTER TABLE users DROP COLUMN street;\n";
    assertThat(labels(sql)).containsExactly("a migration after that deploy");
  }

  private static Rewrite rewrite(String sql) {
    return LINTER.lint(SourceFile.of("V1__x.sql", "SET lock_timeout = '2s';\n" + sql)).findings().stream()
        .filter(x -> x.ruleId().equals("ban-drop-column")).findFirst().orElseThrow().rewrite();
  }

  /** CREATE TABLE ... AS is the new table and the copy: the rewrite creates it empty, with the key ON CONFLICT needs. */
  @Test
  void createTableAsIsTheNewTableAndTheCopy() {
    Rewrite r = rewrite("CREATE TABLE addresses AS SELECT id AS user_id, street FROM users;\n"
        + "ALTER TABLE users DROP COLUMN street;\n");
    assertThat(r.steps()).hasSize(5);
    assertThat(r.steps().get(0).sql()).isEqualTo("CREATE TABLE addresses AS SELECT id AS user_id, street FROM users "
        + "WITH NO DATA;\nALTER TABLE addresses ADD PRIMARY KEY (user_id);");
    assertThat(r.steps().get(1).sql()).contains("INSERT INTO addresses (user_id, street)\n    VALUES (NEW.id, NEW.street)");
    // with a column list, and a key the file adds itself
    Rewrite listed = rewrite("CREATE TABLE addresses (user_id, street) AS SELECT id, street FROM users WITH DATA;\n"
        + "ALTER TABLE addresses ADD PRIMARY KEY (user_id);\nALTER TABLE users DROP COLUMN street;\n");
    assertThat(listed.steps().get(0).sql())
        .isEqualTo("CREATE TABLE addresses (user_id, street) AS SELECT id, street FROM users WITH NO DATA;");
    // created empty, filled by INSERT ... SELECT
    Rewrite empty = rewrite("CREATE TABLE addresses AS SELECT id AS user_id, street FROM users WITH NO DATA;\n"
        + "CREATE UNIQUE INDEX addresses_user_id ON addresses (user_id);\n"
        + "INSERT INTO addresses (user_id, street) SELECT id, street FROM users;\nALTER TABLE users DROP COLUMN street;\n");
    assertThat(empty.steps().get(0).sql())
        .isEqualTo("CREATE TABLE addresses AS SELECT id AS user_id, street FROM users WITH NO DATA;");
  }

  /** The copy and the drop name the tables with and without public: one table under the default search_path. */
  @Test
  void qualifiedAndUnqualifiedNamesAreOneTable() {
    Rewrite r = rewrite("CREATE TABLE public.addresses (user_id bigint PRIMARY KEY, street text);\n"
        + "INSERT INTO addresses (user_id, street) SELECT id, street FROM public.users;\nALTER TABLE users DROP COLUMN street;\n");
    assertThat(r.steps()).hasSize(5);
    assertThat(r.steps().get(0).sql()).isEqualTo("CREATE TABLE public.addresses (user_id bigint PRIMARY KEY, street text);");
    // under another search_path, users is app.users: not the table copied from
    Rewrite other = rewrite("SET search_path = app;\nCREATE TABLE public.addresses (user_id bigint PRIMARY KEY, street text);\n"
        + "INSERT INTO public.addresses (user_id, street) SELECT id, street FROM public.users;\n"
        + "ALTER TABLE users DROP COLUMN street;\n");
    assertThat(other.steps()).extracting(Rewrite.Step::runs).containsExactly("a migration after that deploy");
  }

  /** The new table comes from an earlier migration: the model of the history the lint replays knows it. */
  @Test
  void aNewTableFromAnEarlierMigrationGivesTheSplitWithoutCreatingIt() {
    String history = "CREATE TABLE addresses (user_id bigint, street text);\n";
    SourceFile v1 = SourceFile.of("db/migration/V1__addresses.sql", history);
    SchemaModel before = LINTER.replay(List.of(new ReplayedMigration(v1,
        TransactionPlan.whole(history.length(), TransactionPlan.Mode.WRAPPED), false)));
    String sql = "INSERT INTO addresses (user_id, street) SELECT id, street FROM users;\nALTER TABLE users DROP COLUMN street;\n";
    Rewrite r = LINTER.lint(SourceFile.of("db/migration/V2__split.sql", sql),
        TransactionPlan.whole(sql.length(), TransactionPlan.Mode.WRAPPED), before).findings().stream()
        .filter(x -> x.ruleId().equals("ban-drop-column")).findFirst().orElseThrow().rewrite();
    assertThat(r.summary()).contains("addresses exists already (created by V1__addresses.sql)");
    assertThat(r.steps()).extracting(Rewrite.Step::runs).containsExactly(
        "the first migration: triggers that keep addresses in step with users",
        "then, outside a transaction block: copy the existing rows in batches",
        "deploy: the application reads and writes addresses",
        "a later migration, after every deploy reads and writes addresses");
    // the earlier migration gave it no key: the first step adds the one ON CONFLICT needs
    assertThat(r.steps().get(0).sql()).startsWith("ALTER TABLE addresses ADD PRIMARY KEY (user_id);\nCREATE FUNCTION");
  }

  /** The copy is the shared batched loop, inserting each key range of the old table into the new one. */
  @Test
  void theCopyIsTheSharedBatchedLoop() {
    Rewrite r = rewrite("CREATE TABLE addresses (user_id bigint PRIMARY KEY, street text);\n"
        + "INSERT INTO addresses (user_id, street) SELECT id, street FROM users;\nALTER TABLE users DROP COLUMN street;\n");
    assertThat(r.steps().get(2).sql()).isEqualTo("""
        DO $batch$
        DECLARE
          batch_start users.id%TYPE;
          batch_end users.id%TYPE;
        BEGIN
          SELECT id INTO batch_start FROM users ORDER BY id LIMIT 1;
          WHILE batch_start IS NOT NULL LOOP
            SELECT id INTO batch_end
              FROM (SELECT id FROM users WHERE id >= batch_start ORDER BY id LIMIT 10000) AS batch ORDER BY id DESC LIMIT 1;
            INSERT INTO addresses (user_id, street)
              SELECT id, street FROM users WHERE id BETWEEN batch_start AND batch_end FOR KEY SHARE
              ON CONFLICT (user_id) DO NOTHING;
            COMMIT;
            SELECT id INTO batch_start FROM users WHERE id > batch_end ORDER BY id LIMIT 1;
          END LOOP;
        END
        $batch$;""");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "INSERT INTO addresses (user_id, street) SELECT id, street FROM users;\n",
      "INSERT INTO addresses (user_id, street) SELECT users.id, users.street FROM public.users WHERE street IS NOT NULL;\n"})
  void aKeyedCopyIntoANewTableGivesTheSplit(String copy) {
    String sql = "CREATE TABLE addresses (user_id bigint PRIMARY KEY, street text);\n" + copy
        + "ALTER TABLE " + (copy.contains("public.") ? "public.users" : "users") + " DROP COLUMN street;\n";
    assertThat(labels(sql)).hasSize(5).startsWith("the first migration: the new table");
  }
}
