package dev.lockstep.rules;

import static dev.lockstep.pg.ServerQueries.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Linter;
import dev.lockstep.engine.ReplayedMigration;
import dev.lockstep.engine.SchemaModel;
import dev.lockstep.engine.TransactionPlan;
import dev.lockstep.pg.PostgresServer;
import dev.lockstep.source.SourceFile;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ban-column-type-change judged against the type an earlier migration declared: for every pair,
 * lockstep's verdict (a finding or none) agrees with whether the server gave the table or its index
 * a new file.
 */
class TypeChangesOnPostgresTest {
  private static final String[][] CHANGES = {
      {"numeric(10,2)", "numeric(12,2)"}, {"numeric(10,2)", "numeric"}, {"numeric(10,2)", "numeric(8,2)"},
      {"numeric(10,2)", "numeric(12,3)"}, {"numeric(10,2)", "numeric(10,2)"}, {"numeric", "numeric(12,2)"},
      {"varchar(50)", "varchar(100)"}, {"varchar(50)", "varchar(20)"}, {"varchar(50)", "text"},
      {"varchar(50)", "varchar"}, {"varchar", "varchar(20)"}, {"text", "varchar"}, {"text", "varchar(20)"},
      {"varbit(8)", "varbit(16)"}, {"varbit(8)", "varbit(4)"}, {"integer", "bigint"}, {"integer", "text"},
  };

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (int major : PostgresServer.MAJORS) for (String[] c : CHANGES) out.add(Arguments.of(major, c[0], c[1]));
    return out.stream();
  }

  @ParameterizedTest(name = "PostgreSQL {0}: {1} -> {2}")
  @MethodSource("cases")
  void aFindingExactlyWhenTheServerRewrites(int major, String from, String to) throws Exception {
    LintOptions options = new LintOptions(major, false);
    Linter linter = new Linter(Rules.all(), options, FixtureTest.PARSER);
    String create = "CREATE TABLE invoices (id bigint PRIMARY KEY, c " + from + ");\nCREATE INDEX invoices_c ON invoices (c);\n";
    SourceFile v1 = SourceFile.of("V1__invoices.sql", create);
    SchemaModel before = linter.replay(List.of(new ReplayedMigration(v1,
        TransactionPlan.whole(create.length(), TransactionPlan.Mode.WRAPPED), false)));
    String change = "ALTER TABLE invoices ALTER COLUMN c TYPE " + to;
    SourceFile v2 = SourceFile.of("V2__change.sql", "SET lock_timeout = '2s';\n" + change + ";\n");
    FileResult result = linter.lint(v2, TransactionPlan.whole(v2.text().length(), TransactionPlan.Mode.AUTOCOMMIT), before);
    boolean flagged = result.findings().stream().anyMatch(f -> f.ruleId().equals("ban-column-type-change"));

    PostgresServer server = PostgresServer.of(major);
    try (Connection c = server.connect(server.createDatabase())) {
      ServerStatements.execute(c, create.replace(";\n", "; ").trim());
      String fill = from.startsWith("varbit") ? "B'1010'" : from.equals("integer") ? "g" : "(g % 1000)::text";
      if (from.startsWith("numeric")) fill = "g % 1000";
      ServerStatements.execute(c, "INSERT INTO invoices SELECT g, " + fill + " FROM generate_series(1, 100) g");
      long table = single(c, "SELECT relfilenode FROM pg_class WHERE relname = 'invoices'");
      long index = single(c, "SELECT relfilenode FROM pg_class WHERE relname = 'invoices_c'");
      ServerStatements.execute(c, change);
      boolean rewrote = table != single(c, "SELECT relfilenode FROM pg_class WHERE relname = 'invoices'")
          || index != single(c, "SELECT relfilenode FROM pg_class WHERE relname = 'invoices_c'");
      assertThat(flagged).as("%s -> %s: flagged, where the server %s", from, to, rewrote ? "rewrote" : "did not rewrite")
          .isEqualTo(rewrote);
    }
  }

  static Stream<Arguments> zones() {
    List<Arguments> out = new ArrayList<>();
    for (int major : PostgresServer.MAJORS) {
      for (String zone : List.of("UTC", "Etc/UTC", "GMT", "Etc/GMT", "Europe/Berlin")) {
        for (String column : List.of("at", "seen")) out.add(Arguments.of(major, zone, column));
      }
    }
    return out.stream();
  }

  /**
   * timestamp to timestamptz: with a zero-offset session zone PostgreSQL keeps the table's file and
   * only rebuilds indexes on the column ("seen" has one, "at" none); in another zone it rewrites.
   */
  @ParameterizedTest(name = "PostgreSQL {0}: TimeZone {1}, column {2}")
  @MethodSource("zones")
  void timestamptzInAZeroOffsetZone(int major, String zone, String column) throws Exception {
    Linter linter = new Linter(Rules.all(), new LintOptions(major, false), FixtureTest.PARSER);
    String create = "CREATE TABLE events (id bigint PRIMARY KEY, at timestamp, seen timestamp UNIQUE);\n";
    SourceFile v1 = SourceFile.of("V1__events.sql", create);
    SchemaModel before = linter.replay(List.of(new ReplayedMigration(v1,
        TransactionPlan.whole(create.length(), TransactionPlan.Mode.WRAPPED), false)));
    String change = "ALTER TABLE events ALTER COLUMN " + column + " TYPE timestamptz";
    SourceFile v2 = SourceFile.of("V2__tz.sql", "SET lock_timeout = '2s';\nSET TimeZone = '" + zone + "';\n" + change + ";\n");
    FileResult result = linter.lint(v2, TransactionPlan.whole(v2.text().length(), TransactionPlan.Mode.AUTOCOMMIT), before);
    boolean flagged = result.findings().stream().anyMatch(f -> f.ruleId().equals("ban-column-type-change"));

    PostgresServer server = PostgresServer.of(major);
    try (Connection c = server.connect(server.createDatabase())) {
      ServerStatements.execute(c, create.trim());
      ServerStatements.execute(c, "INSERT INTO events SELECT g, timestamp '2024-01-01' + g * interval '1 hour', "
          + "timestamp '2024-01-01' + g * interval '1 minute' FROM generate_series(1, 100) g");
      long before1 = single(c, "SELECT relfilenode FROM pg_class WHERE relname = 'events'");
      long beforeIndex = single(c, "SELECT relfilenode FROM pg_class WHERE relname = 'events_seen_key'");
      ServerStatements.execute(c, "SET TimeZone = '" + zone + "'");
      ServerStatements.execute(c, change);
      boolean rewrote = before1 != single(c, "SELECT relfilenode FROM pg_class WHERE relname = 'events'")
          || beforeIndex != single(c, "SELECT relfilenode FROM pg_class WHERE relname = 'events_seen_key'");
      assertThat(flagged).as("%s in %s: flagged, where the server %s", column, zone, rewrote ? "rewrote" : "did not rewrite")
          .isEqualTo(rewrote);
    }
  }
}
