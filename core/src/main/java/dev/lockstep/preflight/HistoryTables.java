package dev.lockstep.preflight;

import dev.lockstep.i18n.Text;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which migrations the migration tools' own history tables record as applied. The tool is told
 * by the table's name and columns, as each tool creates it: Flyway's flyway_schema_history,
 * Drizzle's drizzle.__drizzle_migrations, Prisma's _prisma_migrations, goose's goose_db_version,
 * Liquibase's databasechangelog, sqitch's sqitch.changes, pop's schema_migration, and the
 * schema_migrations of golang-migrate (version, dirty: the current version only), Hasura
 * (hdb_catalog), Supabase (supabase_migrations) and dbmate (one row per applied version).
 */
final class HistoryTables {
  private static final String CANDIDATES = """
      SELECT n.nspname, c.relname, has_table_privilege(c.oid, 'SELECT'),
        array(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND (c.relname IN ('flyway_schema_history', '__drizzle_migrations', '_prisma_migrations',
        'schema_migrations', 'goose_db_version', 'databasechangelog', 'schema_migration')
        OR (n.nspname = 'sqitch' AND c.relname = 'changes'))
      ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C"
      """;

  private HistoryTables() {}

  static List<StatsSnapshot.AppliedMigration> read(Connection c, List<Text> notRead) throws SQLException {
    record Candidate(String schema, String name, boolean readable, Set<String> columns) {}
    List<Candidate> found = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(CANDIDATES)) {
      while (rs.next()) {
        found.add(new Candidate(rs.getString(1), rs.getString(2), rs.getBoolean(3),
            Set.of((String[]) rs.getArray(4).getArray())));
      }
    }
    List<StatsSnapshot.AppliedMigration> out = new ArrayList<>();
    for (Candidate t : found) {
      String table = StatsReader.qualified(t.schema(), t.name());
      String tool = tool(t.schema(), t.name(), t.columns());
      if (tool == null) continue;
      if (!t.readable()) {
        notRead.add(Text.of("%s: %s history not read (the role may not SELECT from it)", table, tool));
        continue;
      }
      if (exclusivelyLocked(c, table)) {
        notRead.add(Text.of("%s: %s history not read: a running migration holds it locked", table, tool));
        continue;
      }
      try {
        out.addAll(applied(c, tool, table, t.columns(), notRead));
      } catch (SQLException e) {
        Object why = "55P03".equals(e.getSQLState()) ? Text.of("locked, probably by a running migration (lock timeout)")
            : e.getMessage().lines().findFirst().orElse("").replaceFirst("^ERROR: ", "");
        notRead.add(Text.of("%s: %s history not read: %s", table, tool, why));
      }
    }
    return out;
  }

  /** Whether reading the table would queue: another session holds or waits for ACCESS EXCLUSIVE on it (a tool's own lock). */
  private static boolean exclusivelyLocked(Connection c, String table) throws SQLException {
    try (var s = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'relation' "
        + "AND relation = to_regclass(?) AND mode IN ('AccessExclusiveLock', 'ExclusiveLock'))")) {
      s.setString(1, table);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /** The tool whose table this is, or null for a table that only shares the name. */
  static String tool(String schema, String name, Set<String> columns) {
    return switch (name) {
      case "flyway_schema_history" -> columns.containsAll(Set.of("version", "description", "success", "installed_rank"))
          ? "flyway" : null;
      case "__drizzle_migrations" -> columns.containsAll(Set.of("hash", "created_at")) ? "drizzle" : null;
      case "_prisma_migrations" -> columns.containsAll(Set.of("migration_name", "finished_at", "rolled_back_at"))
          ? "prisma" : null;
      case "goose_db_version" -> columns.containsAll(Set.of("version_id", "is_applied")) ? "goose" : null;
      case "databasechangelog" -> columns.containsAll(Set.of("id", "author", "filename", "orderexecuted")) ? "liquibase" : null;
      case "changes" -> columns.containsAll(Set.of("change_id", "change", "committed_at")) ? "sqitch" : null;
      case "schema_migration" -> columns.contains("version") ? "pop" : null;
      case "schema_migrations" -> !columns.contains("version") ? null
          : schema.equals("supabase_migrations") ? "supabase"
          : columns.contains("dirty") ? (schema.equals("hdb_catalog") ? "hasura" : "golang-migrate")
          : "dbmate";
      default -> null;
    };
  }

  private static List<StatsSnapshot.AppliedMigration> applied(Connection c, String tool, String table, Set<String> columns,
                                                              List<Text> notRead) throws SQLException {
    List<StatsSnapshot.AppliedMigration> out = new ArrayList<>();
    switch (tool) {
      case "flyway" -> query(c, "SELECT version, description FROM " + table + " WHERE success ORDER BY installed_rank",
          rs -> out.add(entry(tool, table, rs.getString(1), rs.getString(2))));
      case "drizzle" -> query(c, "SELECT created_at::text, hash FROM " + table + " ORDER BY created_at",
          rs -> out.add(entry(tool, table, rs.getString(1), rs.getString(2))));
      case "prisma" -> query(c, "SELECT migration_name FROM " + table
              + " WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY started_at, migration_name",
          rs -> out.add(entry(tool, table, rs.getString(1), null)));
      case "goose" -> {
        // goose records each up and down as a row: a version is applied when its latest row says so.
        Map<String, Boolean> state = new LinkedHashMap<>();
        query(c, "SELECT version_id::text, is_applied FROM " + table + " ORDER BY id", rs -> {
          state.remove(rs.getString(1));
          state.put(rs.getString(1), rs.getBoolean(2));
        });
        state.forEach((v, on) -> {
          if (on && !v.equals("0")) out.add(entry(tool, table, v, null)); // version 0 is goose's own first row
        });
      }
      case "liquibase" -> query(c, "SELECT id, author, filename FROM " + table + " WHERE exectype IN ('EXECUTED', 'RERAN', "
              + "'MARK_RAN') ORDER BY orderexecuted",
          rs -> out.add(entry(tool, table, rs.getString(1), rs.getString(3) + "::" + rs.getString(1) + "::" + rs.getString(2))));
      case "sqitch" -> query(c, "SELECT change_id, change FROM " + table + " ORDER BY committed_at",
          rs -> out.add(entry(tool, table, rs.getString(1), rs.getString(2))));
      case "golang-migrate", "hasura" -> query(c, "SELECT version::text, dirty FROM " + table, rs -> {
        out.add(entry(tool, table, rs.getString(1), null));
        if (rs.getBoolean(2)) {
          notRead.add(Text.of("%s: %s marks version %s dirty (it failed part-way)", table, tool, rs.getString(1)));
        }
      });
      case "supabase" -> query(c, "SELECT version::text, " + (columns.contains("name") ? "name" : "NULL") + " FROM " + table
          + " ORDER BY version", rs -> out.add(entry(tool, table, rs.getString(1), rs.getString(2))));
      default -> query(c, "SELECT version::text FROM " + table + " ORDER BY version",
          rs -> out.add(entry(tool, table, rs.getString(1), null)));
    }
    return out;
  }

  private static StatsSnapshot.AppliedMigration entry(String tool, String table, String version, String name) {
    return new StatsSnapshot.AppliedMigration(tool, table, version, name);
  }

  private interface RowReader {
    void row(ResultSet rs) throws SQLException;
  }

  private static void query(Connection c, String sql, RowReader reader) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) reader.row(rs);
    }
  }
}
