package dev.lockstep.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Linter;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.source.SourceFile;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ban-drop-column gives the split sequence only for a plain keyed copy into a table the file creates. */
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
      // the new table is not created by this file
      "INSERT INTO addresses (user_id, street) SELECT id, street FROM users;\n",
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
