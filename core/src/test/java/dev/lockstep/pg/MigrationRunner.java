package dev.lockstep.pg;

import dev.lockstep.frameworks.MigrationScript;
import dev.lockstep.parse.ParsedFile;
import dev.lockstep.parse.SqlParser;
import dev.lockstep.parse.Statement;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a migration on a real server the way its tool does: statements the tool wraps in one
 * transaction run in one, a file the tool sends in one call (golang-migrate, Prisma) runs as one
 * simple query, and the rest run one by one in autocommit.
 */
public final class MigrationRunner {
  private static final SqlParser PARSER = new SqlParser();

  private MigrationRunner() {}

  /** @throws SQLException naming the statement that failed */
  public static void run(Connection connection, MigrationScript script) throws SQLException {
    ParsedFile file = PARSER.parse(script.source());
    if (!file.errors().isEmpty()) throw new SQLException("does not parse: " + file.errors().get(0).message());
    List<Statement> top = new ArrayList<>();
    for (Statement s : file.statements()) if (s.enclosingIndex() < 0) top.add(s);
    int[] transaction = script.plan().wrappedTransactions(file);
    int i = 0;
    while (i < top.size()) {
      Statement first = top.get(i);
      int tx = transaction[first.index()];
      int j = i + 1;
      while (j < top.size() && tx >= 0 && transaction[top.get(j).index()] == tx) j++;
      List<Statement> batch = top.subList(i, j);
      if (tx >= 0 && script.plan().oneCall(first.span().start())) {
        oneCall(connection, batch);
      } else if (tx >= 0) {
        inTransaction(connection, batch);
      } else {
        execute(connection, first);
      }
      i = j;
    }
  }

  private static void inTransaction(Connection connection, List<Statement> batch) throws SQLException {
    connection.setAutoCommit(false);
    try {
      for (Statement s : batch) execute(connection, s);
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  /** Several statements in one simple-protocol query: PostgreSQL's implicit transaction block. */
  private static void oneCall(Connection connection, List<Statement> batch) throws SQLException {
    StringBuilder sql = new StringBuilder();
    for (Statement s : batch) sql.append(s.text()).append(";\n");
    try (java.sql.Statement st = connection.createStatement()) {
      st.execute(sql.toString());
    } catch (SQLException e) {
      throw new SQLException("line " + batch.get(0).start().line() + " (one call of " + batch.size() + " statements): "
          + e.getMessage(), e.getSQLState(), e);
    }
  }

  private static void execute(Connection connection, Statement s) throws SQLException {
    try (java.sql.Statement st = connection.createStatement()) {
      st.execute(s.text());
    } catch (SQLException e) {
      throw new SQLException("line " + s.start().line() + ": " + e.getMessage().lines().findFirst().orElse(""),
          e.getSQLState(), e);
    }
  }
}
