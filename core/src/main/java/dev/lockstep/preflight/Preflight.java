package dev.lockstep.preflight;

import dev.lockstep.i18n.Text;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LockFacts;
import dev.lockstep.report.LintReport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a live database before a deploy: INVALID indexes, then, for the tables the pending
 * migrations lock (the lock facts of their lint findings), the sessions in the way and what the
 * tables weigh, then replication. Every query reads catalogs and statistics views in a read-only
 * session; a check that fails is reported as not checked and the others still run.
 */
public final class Preflight {
  private static final String RESOLVE = """
      SELECT r.name, c.oid::bigint
      FROM unnest(?::text[]) AS r(name) LEFT JOIN pg_class c ON c.oid = to_regclass(r.name)""";

  private Preflight() {}

  public static PreflightReport run(Connection c, String database, LintReport lint, Thresholds limits) throws SQLException {
    return run(c, database, lint, limits, List.of());
  }

  /** @param alsoNotChecked what the caller could not check (a history table it could not read), reported first */
  public static PreflightReport run(Connection c, String database, LintReport lint, Thresholds limits,
                                    List<Text> alsoNotChecked) throws SQLException {
    ServerInfo server = ServerInfo.of(c);
    List<Text> notChecked = new ArrayList<>(alsoNotChecked);
    int checks = 0;
    List<InvalidIndex> invalid = List.of();
    try {
      invalid = InvalidIndexes.find(c, server.major(), notChecked);
      checks++;
    } catch (SQLException e) {
      notChecked.add(Text.of("INVALID indexes: %s", reason(e)));
    }
    List<TableReport> tables = new ArrayList<>();
    List<BlockingSession> sessions = List.of();
    Map<String, List<Finding>> byRelation = relations(lint);
    if (!byRelation.isEmpty()) {
      try {
        Map<String, Long> oids = resolve(c, byRelation.keySet());
        Map<Long, StatsSnapshot.Table> known = StatsReader.tables(c, oids.values());
        Map<Long, LockedSessions.Need> needs = new LinkedHashMap<>();
        for (var e : byRelation.entrySet()) {
          Long oid = oids.get(e.getKey());
          StatsSnapshot.Table t = oid == null ? null : known.get(oid);
          List<TableReport.Impact> impacts = new ArrayList<>();
          for (Finding f : e.getValue()) {
            for (LockFacts.RelationLock l : f.lock().locks()) {
              if (!l.relation().equals(e.getKey())) continue;
              if (t != null) {
                impacts.add(new TableReport.Impact(Site.of(f), l.mode(), SizedFindings.impact(f.lock(), l, t)));
              }
              if (oid != null) {
                LockedSessions.Need need = needs.get(oid);
                if (need == null || need.mode().compareTo(l.mode()) < 0) {
                  needs.put(oid, new LockedSessions.Need(t == null ? e.getKey() : t.qualifiedName(), l.mode(), Site.of(f)));
                }
              }
            }
          }
          tables.add(new TableReport(e.getKey(), t == null ? null : t.qualifiedName(), t == null ? null : t.estimatedRows(),
              t == null ? 0 : t.totalBytes(), impacts));
        }
        checks++;
        sessions = LockedSessions.find(c, needs, limits.maxTransactionMillis(), notChecked);
        checks++;
      } catch (SQLException e) {
        notChecked.add(Text.of("sessions and sizes of the tables the migrations lock: %s", reason(e)));
      }
    }
    List<ReplicationWarning> replication = List.of();
    try {
      replication = Replication.check(c, server, limits, notChecked);
      checks++;
    } catch (SQLException e) {
      notChecked.add(Text.of("replication: %s", reason(e)));
    }
    return new PreflightReport(database, server, lint, invalid, sessions, tables, replication, notChecked, checks, List.of());
  }

  /** The findings that state a lock, by each relation they lock, in report order. */
  static Map<String, List<Finding>> relations(LintReport lint) {
    Map<String, List<Finding>> out = new LinkedHashMap<>();
    if (lint == null) return out;
    for (Finding f : lint.findings()) {
      if (f.lock() == null) continue;
      for (LockFacts.RelationLock l : f.lock().locks()) {
        List<Finding> list = out.computeIfAbsent(l.relation(), k -> new ArrayList<>());
        if (!list.contains(f)) list.add(f);
      }
    }
    return out;
  }

  /**
   * Names to oids as the server's search_path resolves them, without locking anything
   * (to_regclass). A name the server rejects (another database's table) is left unresolved alone.
   */
  private static Map<String, Long> resolve(Connection c, java.util.Collection<String> names) throws SQLException {
    Map<String, Long> out = new LinkedHashMap<>();
    try {
      resolve(c, names, out);
    } catch (SQLException e) {
      for (String name : names) {
        try {
          resolve(c, List.of(name), out);
        } catch (SQLException rejected) {
          // not a table of this database: reported as not in the database
        }
      }
    }
    return out;
  }

  private static void resolve(Connection c, java.util.Collection<String> names, Map<String, Long> out) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(RESOLVE)) {
      s.setArray(1, c.createArrayOf("text", names.toArray()));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          long oid = rs.getLong(2);
          if (!rs.wasNull()) out.put(rs.getString(1), oid);
        }
      }
    }
  }

  static String reason(SQLException e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
    return m.replaceFirst("^ERROR: ", "");
  }
}
