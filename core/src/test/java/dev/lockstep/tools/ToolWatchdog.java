package dev.lockstep.tools;

import dev.lockstep.pg.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a tool's migrate call on its own thread. A call that is still running after a few seconds on
 * an idle test database waits for something that will not come: its waiting statement is recorded
 * and every session of the database is ended, so the test goes on.
 */
final class ToolWatchdog {
  /** Far longer than any migration of the suite takes on an idle server. */
  private static final long PATIENCE_SECONDS = 8;

  interface Migrate {
    void run() throws Exception;
  }

  private ToolWatchdog() {}

  static ToolOutcome run(PostgresServer server, String database, Migrate migrate) throws Exception {
    CompletableFuture<Throwable> done = CompletableFuture.supplyAsync(() -> {
      try {
        migrate.run();
        return null;
      } catch (Throwable t) {
        return t;
      }
    });
    Throwable failure;
    try {
      failure = done.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      String waiting = endSessions(server, database);
      done.get(30, TimeUnit.SECONDS);
      return new ToolOutcome(ToolOutcome.Kind.HUNG, waiting);
    } catch (ExecutionException e) {
      failure = e.getCause();
    }
    return failure == null ? ToolOutcome.applied() : new ToolOutcome(ToolOutcome.Kind.FAILED, ToolErrors.firstCause(failure));
  }

  /** What the database's waiting session waits for, after ending every session of it. */
  private static String endSessions(PostgresServer server, String database) throws SQLException {
    String waiting = "nothing waits";
    try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT wait_event_type || ' ' || wait_event, query FROM pg_stat_activity "
          + "WHERE datname = '" + database + "' AND wait_event_type = 'Lock' ORDER BY pid")) {
        if (rs.next()) waiting = "`" + rs.getString(2).replaceAll("\\s+", " ").strip() + "` waits for a " + rs.getString(1) + " lock";
      }
      s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
    }
    return waiting;
  }
}
