package dev.lockstep.trace;

import dev.lockstep.i18n.Catalog;
import dev.lockstep.pg.ConnectionSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A copy of the traced database (CREATE DATABASE ... TEMPLATE) that the migrations run in. It is
 * dropped on every way out: normally, when the trace fails, when the migration ended the sessions
 * (a new one drops it), and when the JVM exits on SIGINT or SIGTERM (a shutdown hook).
 */
final class ScratchCopy {
  private final ConnectionSettings server;
  private final String name;
  private final Catalog catalog;
  private final Thread onExit;
  private boolean dropped;

  private ScratchCopy(ConnectionSettings server, String name, Catalog catalog) {
    this.server = server;
    this.name = name;
    this.catalog = catalog;
    this.onExit = new Thread(this::dropQuietly, "lockstep-drop-scratch-copy");
  }

  /** @param catalog the language of what the copy says when it cannot be made or dropped */
  static ScratchCopy create(Connection admin, ConnectionSettings server, String name, Catalog catalog) throws SQLException {
    ScratchCopy copy = new ScratchCopy(server, name, catalog);
    Runtime.getRuntime().addShutdownHook(copy.onExit);
    try (Statement s = admin.createStatement()) {
      s.execute("CREATE DATABASE " + name + " TEMPLATE \"" + server.database().replace("\"", "\"\"") + "\"");
    } catch (SQLException e) {
      copy.forget();
      throw new SQLException(catalog.format("cannot copy the database to trace in without keeping changes (CREATE "
          + "DATABASE ... TEMPLATE: %s); close other sessions on it, grant CREATEDB, or pass --commit",
          e.getMessage().lines().findFirst().orElse("")), e.getSQLState(), e);
    }
    return copy;
  }

  /** Drops the copy over a new session (the migration may have ended the others), ending sessions still on it. */
  synchronized void drop() throws SQLException {
    if (dropped) return;
    try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.properties());
         Statement s = c.createStatement()) {
      int major = c.getMetaData().getDatabaseMajorVersion();
      if (major >= 13) {
        s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      } else {
        s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
        s.execute("DROP DATABASE IF EXISTS " + name);
      }
      dropped = true;
    }
    forget();
  }

  private void dropQuietly() {
    try {
      drop();
    } catch (SQLException e) {
      System.err.println(catalog.format("lockstep: the scratch database %s could not be dropped: %s", name,
          server.mask(e.getMessage()).lines().findFirst().orElse("")));
    }
  }

  private void forget() {
    try {
      Runtime.getRuntime().removeShutdownHook(onExit);
    } catch (IllegalStateException e) {
      // the JVM is exiting: this hook is the one running
    }
  }
}
