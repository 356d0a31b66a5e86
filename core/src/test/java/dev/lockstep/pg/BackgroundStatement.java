package dev.lockstep.pg;

import static dev.lockstep.pg.ServerQueries.execute;
import static dev.lockstep.pg.ServerQueries.single;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A statement running on its own thread, so that other sessions can watch it wait for a lock. */
public final class BackgroundStatement {
  private final long pid;
  private final CompletableFuture<SQLException> done;

  private BackgroundStatement(long pid, CompletableFuture<SQLException> done) {
    this.pid = pid;
    this.done = done;
  }

  /** Starts {@code sql} on {@code c}, which nothing else may use until {@link #finish()}. */
  public static BackgroundStatement start(Connection c, String sql) throws SQLException {
    long pid = single(c, "SELECT pg_backend_pid()");
    return new BackgroundStatement(pid, CompletableFuture.supplyAsync(() -> {
      try {
        execute(c, sql);
        return null;
      } catch (SQLException e) {
        return e;
      }
    }));
  }

  /** The server process of the statement's session, for pg_locks. */
  public long pid() {
    return pid;
  }

  /**
   * Whether the statement comes to wait for a lock matching {@code condition} (on pg_locks, beside
   * "pid = its session AND NOT granted") within {@code seconds}; false when it finished first.
   */
  public boolean waits(Connection watcher, String condition, int seconds) throws SQLException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!done.isDone() && System.nanoTime() < deadline) {
      if (single(watcher, "SELECT count(*) FROM pg_locks WHERE pid = " + pid + " AND NOT granted AND " + condition) > 0) {
        return true;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  /** Waits for the statement to end; throws what it failed with. */
  public void finish() throws SQLException {
    SQLException failed = done.orTimeout(60, TimeUnit.SECONDS).join();
    if (failed != null) throw failed;
  }
}
