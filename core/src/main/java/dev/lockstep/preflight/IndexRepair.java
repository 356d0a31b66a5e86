package dev.lockstep.preflight;

import dev.lockstep.i18n.Catalog;
import dev.lockstep.i18n.Text;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the remediation of INVALID indexes, the only thing lockstep writes to a live database:
 * one index at a time, each statement in autocommit (CONCURRENTLY cannot run in a transaction
 * block), starting again from the DROP after a lock timeout, a bounded number of times.
 * Builds in progress, and indexes that may be one, are never touched.
 */
public final class IndexRepair {
  /** SQLSTATE lock_not_available: "canceling statement due to lock timeout". */
  private static final String LOCK_TIMEOUT = "55P03";

  /** What happened to one index: repaired (valid now), or why not, after how many attempts. */
  public record Outcome(String index, boolean repaired, int attempts, Text message) {}

  private final int maxAttempts;
  private final long firstPauseMillis;
  private final PrintWriter progress;
  private final Catalog catalog;

  /** @param catalog the language of the progress lines */
  public IndexRepair(int maxAttempts, long firstPauseMillis, PrintWriter progress, Catalog catalog) {
    this.maxAttempts = maxAttempts;
    this.firstPauseMillis = firstPauseMillis;
    this.progress = progress;
    this.catalog = catalog;
  }

  public List<Outcome> repair(Connection c, List<InvalidIndex> indexes) throws SQLException {
    List<InvalidIndex> todo = indexes.stream().filter(i -> i.state() == InvalidIndex.State.INVALID).toList();
    List<Outcome> out = new ArrayList<>();
    for (InvalidIndex i : indexes) {
      if (i.state() == InvalidIndex.State.BUILD_IN_PROGRESS) {
        out.add(new Outcome(i.index(), false, 0, Text.of("not touched: a build is in progress (%s)", i.build())));
      } else if (i.state() == InvalidIndex.State.UNKNOWN) {
        out.add(new Outcome(i.index(), false, 0, Text.of("not touched: this role cannot see whether a build of it is running")));
      }
    }
    int n = 0;
    for (InvalidIndex index : todo) {
      n++;
      progress.println(catalog.format("lockstep: repairing %s of %s: %s on %s", n, todo.size(), index.index(), index.table()));
      progress.flush();
      out.add(repairOne(c, index));
    }
    return out;
  }

  private Outcome repairOne(Connection c, InvalidIndex index) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      String failed = null;
      try (Statement s = c.createStatement()) {
        for (String statement : index.remediation()) {
          failed = statement;
          if (!statement.startsWith("SET") && !statement.startsWith("RESET")) progress.println("  " + statement);
          progress.flush();
          s.execute(statement);
        }
      } catch (SQLException e) {
        resetLockTimeout(c);
        if (!LOCK_TIMEOUT.equals(e.getSQLState())) {
          Text message = failed != null && failed.startsWith("CREATE")
              ? Text.of("failed at %s %s (the failed build left an INVALID index: fix the cause and run the repair again)",
                  failed, Preflight.reason(e))
              : Text.of("failed at %s %s", failed, Preflight.reason(e));
          return new Outcome(index.index(), false, attempt, message);
        }
        if (attempt >= maxAttempts) {
          return new Outcome(index.index(), false, attempt, Text.of("gave up after %s lock timeouts at %s", attempt, failed));
        }
        long pause = firstPauseMillis << Math.min(attempt - 1, 6);
        progress.println("  " + catalog.format("lock timeout at %s (attempt %s of %s); again in %s ms, from the DROP", failed,
            attempt, maxAttempts, pause));
        progress.flush();
        try {
          Thread.sleep(pause);
        } catch (InterruptedException x) {
          Thread.currentThread().interrupt();
          return new Outcome(index.index(), false, attempt, Text.of("interrupted"));
        }
        continue;
      }
      return valid(c, index) ? new Outcome(index.index(), true, attempt, Text.of("rebuilt, valid"))
          : new Outcome(index.index(), false, attempt, Text.of("the statements ran but the index is not valid"));
    }
  }

  /** The rebuilt index (same name, same schema) exists and is valid; a dropped leftover counts as repaired when gone. */
  private static boolean valid(Connection c, InvalidIndex index) throws SQLException {
    boolean rebuilt = index.remediation().stream().anyMatch(s -> s.startsWith("CREATE") || s.startsWith("REINDEX"));
    try (var s = c.prepareStatement("SELECT i.indisvalid FROM pg_index i WHERE i.indexrelid = to_regclass(?)")) {
      s.setString(1, index.index());
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) return !rebuilt;
        return rebuilt && rs.getBoolean(1);
      }
    }
  }

  private static void resetLockTimeout(Connection c) {
    try (Statement s = c.createStatement()) {
      s.execute("RESET lock_timeout");
    } catch (SQLException ignored) {
      // the session is gone; the next statement says so
    }
  }
}
