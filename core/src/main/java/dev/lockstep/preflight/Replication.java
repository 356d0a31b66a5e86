package dev.lockstep.preflight;

import dev.lockstep.i18n.Text;
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

  static List<ReplicationWarning> check(Connection c, ServerInfo server, Thresholds limits, List<Text> notChecked)
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
            String name = quoteName(rs.getString(1));
            String seconds = String.format(Locale.ROOT, "%.1f", lagSeconds);
            String limit = String.valueOf(limits.maxReplicaLagMillis() / 1000.0);
            Text message = behindBytes == null
                ? Text.of("replica %s replays %s s behind, more than %s s: a rewrite's WAL adds to it", name, seconds, limit)
                : Text.of("replica %s replays %s s behind (%s of WAL), more than %s s: a rewrite's WAL adds to it", name, seconds,
                    Sizes.bytes(behindBytes), limit);
            out.add(new ReplicationWarning("replica", rs.getString(1), lagSeconds, behindBytes, true, message));
          }
        }
      }
    }
    if (hidden) notChecked.add(Text.of("replicas' replay lag (hidden: grant pg_read_all_stats or pg_monitor to see it)"));
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT slot_name, slot_type, active, pg_wal_lsn_diff(" + position + ", restart_lsn)::bigint "
            + "FROM pg_replication_slots ORDER BY slot_name")) {
      while (rs.next()) {
        boolean active = rs.getBoolean(3);
        long retained = rs.getLong(4);
        Long retainedBytes = rs.wasNull() ? null : Math.max(0, retained);
        boolean tooMuch = retainedBytes != null && retainedBytes > limits.maxSlotWalBytes();
        if (active && !tooMuch) continue;
        out.add(new ReplicationWarning("slot", rs.getString(1), null, retainedBytes, active,
            slotMessage(slotType(rs.getString(2)), quoteName(rs.getString(1)), active, retainedBytes, tooMuch, limits)));
      }
    }
    return out;
  }

  /** One whole sentence per case: active (and over the limit), inactive over the limit, inactive under it, inactive and empty. */
  private static Text slotMessage(Object type, String name, boolean active, Long retainedBytes, boolean tooMuch,
                                  Thresholds limits) {
    String limit = Sizes.bytes(limits.maxSlotWalBytes());
    if (active) {
      return Text.of("%s replication slot %s retains %s of WAL, more than %s: the server keeps every WAL file from its "
          + "position on, and a rewrite writes the table's size again to WAL", type, name, Sizes.bytes(retainedBytes), limit);
    }
    if (retainedBytes == null) {
      return Text.of("inactive %s replication slot %s retains no WAL yet: the server keeps every WAL file from its position "
          + "on, and a rewrite writes the table's size again to WAL (drop the slot with pg_drop_replication_slot if its "
          + "consumer is gone)", type, name);
    }
    if (tooMuch) {
      return Text.of("inactive %s replication slot %s retains %s of WAL, more than %s: the server keeps every WAL file from "
          + "its position on, and a rewrite writes the table's size again to WAL (drop the slot with "
          + "pg_drop_replication_slot if its consumer is gone)", type, name, Sizes.bytes(retainedBytes), limit);
    }
    return Text.of("inactive %s replication slot %s retains %s of WAL: the server keeps every WAL file from its position "
        + "on, and a rewrite writes the table's size again to WAL (drop the slot with pg_drop_replication_slot if its "
        + "consumer is gone)", type, name, Sizes.bytes(retainedBytes));
  }

  /** PostgreSQL's slot types as words of the sentence; another value as it is. */
  private static Object slotType(String type) {
    return switch (String.valueOf(type)) {
      case "physical" -> Text.of("physical");
      case "logical" -> Text.of("logical");
      default -> String.valueOf(type);
    };
  }

  private static String quoteName(String name) {
    return "'" + name + "'";
  }
}
