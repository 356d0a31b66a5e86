package dev.lockstep.rules;

import static dev.lockstep.pg.ServerQueries.execute;
import static dev.lockstep.pg.ServerQueries.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Linter;
import dev.lockstep.engine.ReplayedMigration;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.SchemaModel;
import dev.lockstep.engine.TransactionPlan;
import dev.lockstep.pg.PostgresServer;
import dev.lockstep.source.SourceFile;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ban-drop-column's transitional sequence for a table split, run as printed: while the triggers are
 * in place, rows the running application writes to the old table (before, during and after the
 * batched copy) reach the new one, a row deleted while its batch is copied stays deleted, and the
 * later step leaves the columns only in the new table. Run for a new table made by CREATE TABLE, by
 * CREATE TABLE ... AS, with a foreign key to the old table, and by an earlier migration file.
 */
class SplitTableRewriteOnPostgresTest {
  private static final Linter LINTER = new Linter(Rules.all(), LintOptions.defaults(), FixtureTest.PARSER);
  private static final String USERS = "CREATE TABLE app.users (id bigint PRIMARY KEY, email text NOT NULL, street text, "
      + "city text)";

  /**
   * One way to write the split: the earlier migration (or null), the migration that copies and drops,
   * and the names the application uses for the two tables.
   */
  record Split(String name, String history, String migration, String users, String addresses) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> splits() {
    List<Split> splits = List.of(
        new Split("CREATE TABLE", null, "SET lock_timeout = '2s';\n"
            + "CREATE TABLE app.addresses (user_id bigint PRIMARY KEY, street text, city text);\n"
            + "INSERT INTO app.addresses (user_id, street, city) SELECT id, street, city FROM app.users WHERE true;\n"
            + "ALTER TABLE app.users DROP COLUMN street, DROP COLUMN city;\n", "app.users", "app.addresses"),
        new Split("a foreign key to the old table", null, "SET lock_timeout = '2s';\n"
            + "CREATE TABLE app.addresses (user_id bigint PRIMARY KEY REFERENCES app.users (id), street text, city text);\n"
            + "INSERT INTO app.addresses (user_id, street, city) SELECT id, street, city FROM app.users;\n"
            + "ALTER TABLE app.users DROP COLUMN street, DROP COLUMN city;\n", "app.users", "app.addresses"),
        new Split("CREATE TABLE AS", null, "SET lock_timeout = '2s';\n"
            + "CREATE TABLE app.addresses AS SELECT id AS user_id, street, city FROM app.users;\n"
            + "ALTER TABLE app.users DROP COLUMN street, DROP COLUMN city;\n", "app.users", "app.addresses"),
        // unqualified in one file, qualified in the other: one table under the default search_path
        new Split("an earlier file", "CREATE TABLE addresses (user_id bigint PRIMARY KEY, street text, city text);\n",
            "SET lock_timeout = '2s';\n"
                + "INSERT INTO public.addresses (user_id, street, city) SELECT id, street, city FROM users;\n"
                + "ALTER TABLE public.users DROP COLUMN street, DROP COLUMN city;\n", "public.users", "public.addresses"));
    List<Arguments> out = new ArrayList<>();
    for (Split s : splits) for (int major : PostgresServer.MAJORS) out.add(Arguments.of(s, major));
    return out.stream();
  }

  private static List<Finding> lint(Split split) {
    SourceFile file = SourceFile.of("db/migration/V2__split.sql", split.migration());
    List<Finding> findings;
    if (split.history() == null) {
      findings = LINTER.lint(file).findings();
    } else {
      SourceFile v1 = SourceFile.of("db/migration/V1__addresses.sql", split.history());
      SchemaModel before = LINTER.replay(List.of(new ReplayedMigration(v1,
          TransactionPlan.whole(split.history().length(), TransactionPlan.Mode.WRAPPED), false)));
      findings = LINTER.lint(file, TransactionPlan.whole(split.migration().length(), TransactionPlan.Mode.WRAPPED),
          before).findings();
    }
    return findings.stream().filter(x -> x.ruleId().equals("ban-drop-column")).toList();
  }

  @ParameterizedTest(name = "{0} on PostgreSQL {1}")
  @MethodSource("splits")
  void writesToTheOldTableReachTheNewOneUntilTheColumnsMove(Split split, int major) throws Exception {
    List<Finding> findings = lint(split);
    assertThat(findings).hasSize(2);
    Rewrite rewrite = findings.get(0).rewrite();
    assertThat(findings.get(1).rewrite()).isEqualTo(rewrite);
    String users = split.users();
    String addresses = split.addresses();
    List<String> labels = rewrite.steps().stream().map(Rewrite.Step::runs).toList();
    if (split.history() == null) {
      assertThat(labels).containsExactly("the first migration: the new table",
          "the same migration: triggers that keep " + addresses + " in step with " + users,
          "then, outside a transaction block: copy the existing rows in batches",
          "deploy: the application reads and writes " + addresses,
          "a later migration, after every deploy reads and writes " + addresses);
    } else {
      assertThat(labels).containsExactly("the first migration: triggers that keep " + addresses + " in step with " + users,
          "then, outside a transaction block: copy the existing rows in batches",
          "deploy: the application reads and writes " + addresses,
          "a later migration, after every deploy reads and writes " + addresses);
      assertThat(rewrite.summary()).contains("created by V1__addresses.sql");
    }
    String schema = users.substring(0, users.indexOf('.'));
    assertThat(rewrite.steps().get(labels.size() - 1).sql()).isEqualTo("DROP TRIGGER users_to_addresses_before ON "
        + users + ";\nDROP TRIGGER users_to_addresses ON " + users + ";\nDROP FUNCTION " + schema
        + ".users_to_addresses();\nALTER TABLE " + users + " DROP COLUMN street, DROP COLUMN city;");

    PostgresServer server = PostgresServer.of(major);
    String database = server.createDatabase();
    try (Connection c = server.connect(database)) {
      execute(c, "CREATE SCHEMA app");
      execute(c, users.startsWith("public.") ? USERS.replace("app.", "public.") : USERS);
      execute(c, "INSERT INTO " + users + " SELECT g, 'u' || g, 's' || g, 'c' || g FROM generate_series(1, 25000) g");
      if (split.history() != null) execute(c, split.history());
      // the steps before the copy, each a migration in a transaction
      int copyStep = labels.indexOf("then, outside a transaction block: copy the existing rows in batches");
      execute(c, "BEGIN");
      for (int i = 0; i < copyStep; i++) execute(c, rewrite.steps().get(i).sql());
      execute(c, "COMMIT");
      // the running application version, still on the old table, before the copy
      execute(c, "INSERT INTO " + users + " VALUES (30001, 'new', 'new street', 'new city')");
      execute(c, "UPDATE " + users + " SET city = 'moved' WHERE id = 1");
      execute(c, "DELETE FROM " + users + " WHERE id = 2");
      // a delete in flight while the copy runs: the copy waits for it and does not bring the row back
      try (Connection other = server.connect(database)) {
        execute(other, "BEGIN");
        execute(other, "DELETE FROM " + users + " WHERE id = 6");
        CompletableFuture<Void> copy = CompletableFuture.runAsync(() -> {
          try {
            execute(c, rewrite.steps().get(copyStep).sql()); // autocommit: the DO block commits batch by batch
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (text(other, "SELECT count(*) FROM pg_stat_activity WHERE pg_backend_pid() = ANY (pg_blocking_pids(pid))")
            .equals("0") && !copy.isDone()) {
          assertThat(System.nanoTime()).as("the copy waits for the delete").isLessThan(deadline);
          Thread.sleep(20);
        }
        execute(other, "COMMIT");
        copy.get(60, TimeUnit.SECONDS);
      }
      // and after it: a key change and a delete too, which a foreign key to the old table would stop
      // if the new table kept the old row until after the change
      execute(c, "INSERT INTO " + users + " VALUES (30002, 'later', 'later street', 'later city')");
      execute(c, "UPDATE " + users + " SET street = 'renumbered' WHERE id = 3");
      execute(c, "UPDATE " + users + " SET id = 40000 WHERE id = 4");
      execute(c, "DELETE FROM " + users + " WHERE id = 5");
      assertThat(text(c, "SELECT count(*) FROM " + addresses)).isEqualTo("24999");
      assertThat(text(c, "SELECT count(*) FROM " + users + " u FULL JOIN " + addresses + " a ON a.user_id = u.id "
          + "WHERE a.user_id IS NULL OR u.id IS NULL OR a.street IS DISTINCT FROM u.street "
          + "OR a.city IS DISTINCT FROM u.city")).isEqualTo("0");
      assertThat(text(c, "SELECT street || '/' || city FROM " + addresses + " WHERE user_id = 30001"))
          .isEqualTo("new street/new city");
      assertThat(text(c, "SELECT city FROM " + addresses + " WHERE user_id = 1")).isEqualTo("moved");
      assertThat(text(c, "SELECT street FROM " + addresses + " WHERE user_id = 3")).isEqualTo("renumbered");
      assertThat(text(c, "SELECT count(*) FROM " + addresses + " WHERE user_id IN (2, 4, 5, 6)")).isEqualTo("0");
      assertThat(text(c, "SELECT street FROM " + addresses + " WHERE user_id = 40000")).isEqualTo("s4");
      execute(c, "BEGIN");
      execute(c, rewrite.steps().get(labels.size() - 1).sql());
      execute(c, "COMMIT");
      assertThat(text(c, "SELECT string_agg(table_name || '.' || column_name, ',' ORDER BY table_name, ordinal_position) "
          + "FROM information_schema.columns WHERE table_schema = '" + schema + "'"))
          .isEqualTo("addresses.user_id,addresses.street,addresses.city,users.id,users.email");
      execute(c, "INSERT INTO " + users + " VALUES (30003, 'after')"); // the triggers are gone with the columns
      assertThat(text(c, "SELECT count(*) FROM " + addresses)).isEqualTo("24999");
      if (split.name().contains("foreign key")) {
        assertThat(text(c, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conrelid = '" + addresses
            + "'::regclass")).isEqualTo("1"); // the key was in place the whole time
      }
    }
  }
}
