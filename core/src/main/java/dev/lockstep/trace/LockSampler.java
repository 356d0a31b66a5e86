package dev.lockstep.trace;

import dev.lockstep.engine.LockMode;
import dev.lockstep.pg.Measurement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Samples, from another session, the relation locks a backend holds or waits for, until stopped:
 * the only way to see the locks of a statement that cannot run in a transaction block.
 */
final class LockSampler implements Runnable {
  private final Connection probe;
  private final long pid;
  private final Map<String, LockMode> locks = new LinkedHashMap<>();
  private volatile boolean running = true;

  LockSampler(Connection probe, long pid) {
    this.probe = probe;
    this.pid = pid;
  }

  void stop() {
    running = false;
  }

  synchronized Map<String, LockMode> locks() {
    return new LinkedHashMap<>(locks);
  }

  @Override
  public void run() {
    try (PreparedStatement ps = probe.prepareStatement("SELECT l.relation::regclass::text, l.mode FROM pg_locks l "
        + "WHERE l.pid = ? AND l.locktype = 'relation' AND l.relation >= 16384 "
        + "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
      ps.setLong(1, pid);
      while (running) {
        try (ResultSet rs = ps.executeQuery()) {
          synchronized (this) {
            while (rs.next()) {
              locks.merge(rs.getString(1), Measurement.mode(rs.getString(2)), (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
          }
        }
        Thread.sleep(2);
      }
    } catch (SQLException e) {
      // the sample ends early; what was seen stays
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
