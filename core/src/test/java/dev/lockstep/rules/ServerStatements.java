package dev.lockstep.rules;

import dev.lockstep.parse.Statement;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/** Running a fixture's statements on a test server, one at a time. */
final class ServerStatements {
  private ServerStatements() {}

  static TransactionState state(Connection c) throws SQLException {
    return c.unwrap(BaseConnection.class).getTransactionState();
  }

  /**
   * A statement the test does not measure. Fixtures are written for linting: some statements fail on
   * a server on purpose (CONCURRENTLY inside BEGIN); inside a transaction a savepoint keeps it going.
   */
  static void tolerant(Connection c, Statement s) throws SQLException {
    boolean inTransaction = state(c) != TransactionState.IDLE && !s.node().kind().equals("TransactionStmt");
    if (inTransaction) execute(c, "SAVEPOINT unmeasured");
    try {
      execute(c, s);
      if (inTransaction) execute(c, "RELEASE SAVEPOINT unmeasured");
    } catch (SQLException e) {
      if (inTransaction) execute(c, "ROLLBACK TO SAVEPOINT unmeasured");
      // outside a transaction a failed statement leaves nothing behind
    }
  }

  /**
   * Opens a transaction, or inside the open one a savepoint, for work that {@link #undo} rolls back;
   * true when it began a transaction.
   */
  static boolean tryOut(Connection c) throws SQLException {
    boolean begin = state(c) == TransactionState.IDLE;
    execute(c, begin ? "BEGIN" : "SAVEPOINT tried");
    return begin;
  }

  static void undo(Connection c, boolean began) throws SQLException {
    execute(c, began ? "ROLLBACK" : "ROLLBACK TO SAVEPOINT tried");
  }

  static void execute(Connection c, Statement s) throws SQLException {
    try {
      execute(c, s.text());
    } catch (SQLException e) {
      throw new SQLException("line " + s.start().line() + ": " + e.getMessage(), e.getSQLState(), e);
    }
  }

  static void execute(Connection c, String sql) throws SQLException {
    dev.lockstep.pg.ServerQueries.execute(c, sql);
  }

  /** A table or partitioned table: something the application writes to. */
  static boolean writable(Connection c, long oid) throws SQLException {
    try (java.sql.Statement st = c.createStatement();
         java.sql.ResultSet rs = st.executeQuery("SELECT relkind IN ('r', 'p') FROM pg_class WHERE oid = " + oid)) {
      return rs.next() && rs.getBoolean(1);
    }
  }
}
