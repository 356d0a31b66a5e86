package dev.lockstep.preflight;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Replicas' replay lag (pg_stat_replication) and replication slots retaining WAL (pg_replication_slots), as warnings. */
final class Replication {
  private Replication() {}

  static List<ReplicationWarning> check(Connection c, ServerInfo server, Thresholds limits, List<String> notChecked)
      throws SQLException {
    List<ReplicationWarning> out = new ArrayList<>();
    String position = server.inRecovery() ? "pg_last_wal_replay_lsn()" : "pg_current_wal_lsn()";
    boolean hidden = false;
    if (!server.inRecovery()) {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
          "SELECT coalesce(application_name, ''), state, extract(epoch FROM replay_lag)::float8, "
              + "pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint FROM pg_stat_replication ORDER BY 1, pid")) {
        while (rs.next()) {
          if (rs.getString(2) == null) {
            hidden = true;
            continue;
          }
          double lag = rs.getDouble(3);
          Double lagSeconds = rs.wasNull() ? null : lag;
          long behind = rs.getLong(4);
          Long behindBytes = rs.wasNull() ? null : behind;
          if (lagSeconds != null && lagSeconds * 1000 > limits.maxReplicaLagMillis()) {
            out.add(new ReplicationWarning("replica", rs.getString(1), lagSeconds, behindBytes, true, "replica "
                + quoteName(rs.getString(1)) + " replays " + String.format(Locale.ROOT, "%.1f", lagSeconds) + " s behind"
                + (behindBytes == null ? "" : " (" + Sizes.bytes(behindBytes) + " of WAL)") + ", more than "
                + limits.maxReplicaLagMillis() / 1000.0 + " s: a rewrite's WAL adds to it"));
          }
        }
      }
    }
    if (hidden) notChecked.add("replicas' replay lag (hidden: grant pg_read_all_stats or pg_monitor to see it)");
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT slot_name, slot_type, active, pg_wal_lsn_diff(" + position + ", restart_lsn)::bigint "
            + "FROM pg_replication_slots ORDER BY slot_name")) {
      while (rs.next()) {
        boolean active = rs.getBoolean(3);
        long retained = rs.getLong(4);
        Long retainedBytes = rs.wasNull() ? null : Math.max(0, retained);
        boolean tooMuch = retainedBytes != null && retainedBytes > limits.maxSlotWalBytes();
        if (active && !tooMuch) continue;
        String size = retainedBytes == null ? "no WAL yet" : Sizes.bytes(retainedBytes) + " of WAL";
        String message = (active ? "" : "inactive ") + rs.getString(2) + " replication slot " + quoteName(rs.getString(1))
            + " retains " + size + (tooMuch ? ", more than " + Sizes.bytes(limits.maxSlotWalBytes()) : "")
            + ": the server keeps every WAL file from its position on, and a rewrite writes the table's size again to WAL"
            + (active ? "" : " (drop the slot with pg_drop_replication_slot if its consumer is gone)");
        out.add(new ReplicationWarning("slot", rs.getString(1), null, retainedBytes, active, message));
      }
    }
    return out;
  }

  private static String quoteName(String name) {
    return "'" + name + "'";
  }
}
