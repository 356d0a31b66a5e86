package dev.lockstep.rules;

import static dev.lockstep.pg.ServerQueries.execute;
import static dev.lockstep.pg.ServerQueries.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.pg.BackgroundStatement;
import dev.lockstep.pg.PostgresServer;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What ban-rename-table's exemption for a rename-and-recreate swap claims: inside one transaction,
 * a query of the old name waits for the lock and then reads the new table, never failing with
 * "does not exist"; statement by statement, a query between the two fails.
 */
class SwapOnPostgresTest {
  static Iterable<Integer> majors() {
    return PostgresServer.MAJORS;
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @MethodSource("majors")
  void aQueryDuringASwapInOneTransactionReadsTheNewTable(int major) throws SQLException {
    PostgresServer server = PostgresServer.of(major);
    String database = server.createDatabase();
    try (Connection migration = server.connect(database); Connection app = server.connect(database);
         Connection watcher = server.connect(database)) {
      execute(migration, "CREATE TABLE users (id bigint)");
      execute(migration, "INSERT INTO users SELECT generate_series(1, 10)");
      execute(migration, "BEGIN");
      execute(migration, "ALTER TABLE users RENAME TO users_old");
      execute(migration, "CREATE TABLE users (id bigint)");
      execute(migration, "INSERT INTO users VALUES (42)");
      BackgroundStatement query = BackgroundStatement.start(app, "CREATE TEMP TABLE seen AS SELECT id FROM users");
      assertThat(query.waits(watcher, "locktype = 'relation'", 20)).as("the application's query waits for the lock").isTrue();
      execute(migration, "COMMIT");
      query.finish(); // throws if the old name went missing
      assertThat(single(app, "SELECT sum(id) FROM seen")).as("it read the new table").isEqualTo(42);
    }
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @MethodSource("majors")
  void statementByStatementTheNameIsMissingInBetween(int major) throws SQLException {
    PostgresServer server = PostgresServer.of(major);
    String database = server.createDatabase();
    try (Connection migration = server.connect(database); Connection app = server.connect(database)) {
      execute(migration, "CREATE TABLE users (id bigint)");
      execute(migration, "ALTER TABLE users RENAME TO users_old");
      assertThatThrownBy(() -> execute(app, "SELECT id FROM users")).hasMessageContaining("does not exist");
      execute(migration, "CREATE TABLE users (id bigint)");
    }
  }
}
