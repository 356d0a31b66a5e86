package dev.lockstep.preflight;

import dev.lockstep.i18n.Text;

import dev.lockstep.parse.ast.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@link StatsSnapshot} from a live database, through the catalogs and the statistics
 * views only: sizes are the planner's page counts (kept current by VACUUM, ANALYZE and autovacuum),
 * because asking for a table's exact size takes a lock on it that can queue behind a migration.
 * The history tables are read with the session's short lock timeout.
 */
public final class StatsReader {
  private static final String TABLES = """
      %s
      SELECT c.oid, n.nspname, c.relname, c.relkind::text, c.reltuples::float8, s.n_live_tup,
        (c.relpages::bigint + coalesce(t.relpages, 0) + coalesce(ti.pages, 0) + coalesce(ix.pages, 0))
          * current_setting('block_size')::bigint AS bytes
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_class t ON t.oid = c.reltoastrelid
      LEFT JOIN LATERAL (SELECT sum(x.relpages)::bigint AS pages FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid
                         WHERE i.indrelid = c.reltoastrelid) ti ON true
      LEFT JOIN LATERAL (SELECT sum(x.relpages)::bigint AS pages FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid
                         WHERE i.indrelid = c.oid) ix ON true
      LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid
      WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
        AND n.nspname NOT LIKE 'pg\\_toast%%' AND n.nspname NOT LIKE 'pg\\_temp\\_%%' %s
      ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C"
      """;
  /** The given tables and, for partitioned ones, their partitions at every level. */
  private static final String TREE = """
      WITH RECURSIVE tree(oid) AS (SELECT unnest(?::bigint[])::oid
        UNION SELECT i.inhrelid FROM pg_inherits i JOIN tree t ON i.inhparent = t.oid)""";
  private static final String INDEXES = """
      SELECT i.indrelid, x.relname, i.indisvalid, i.indisunique, i.indisprimary
      FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid
      JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
        AND n.nspname NOT LIKE 'pg\\_toast%'
      ORDER BY x.relname COLLATE "C"
      """;

  private StatsReader() {}

  /** Everything about the database, from a session opened by {@link Sessions#readOnly}. */
  public static StatsSnapshot read(Connection c) throws SQLException {
    return read(c, new ArrayList<>());
  }

  /** The same; {@code notRead} learns what could not be read, to be shown in the reader's language (the file keeps English). */
  public static StatsSnapshot read(Connection c, List<Text> notRead) throws SQLException {
    ServerInfo server = ServerInfo.of(c);
    List<StatsSnapshot.Table> tables = new ArrayList<>(tables(c).values());
    List<StatsSnapshot.AppliedMigration> applied = HistoryTables.read(c, notRead);
    return new StatsSnapshot(server.version(), server.major(), server.database(),
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), tables, applied,
        notRead.stream().map(Text::english).toList());
  }

  /** What the migration tools' history tables record as applied; {@code notRead} learns which could not be read. */
  public static List<StatsSnapshot.AppliedMigration> appliedMigrations(Connection c, List<Text> notRead)
      throws SQLException {
    return HistoryTables.read(c, notRead);
  }

  /** Every table, partitioned table and materialized view by oid, sorted by schema and name. */
  static Map<Long, StatsSnapshot.Table> tables(Connection c) throws SQLException {
    Map<Long, List<StatsSnapshot.Index>> indexes = new HashMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(INDEXES)) {
      while (rs.next()) {
        indexes.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
            .add(new StatsSnapshot.Index(rs.getString(2), rs.getBoolean(3), rs.getBoolean(4), rs.getBoolean(5)));
      }
    }
    try (PreparedStatement s = c.prepareStatement(TABLES.formatted("", ""))) {
      return tables(c, s, indexes);
    }
  }

  /**
   * Only the given tables (and their partitions), without their indexes: what preflight needs,
   * in a time that does not grow with the number of tables in the database.
   */
  static Map<Long, StatsSnapshot.Table> tables(Connection c, java.util.Collection<Long> oids) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(TABLES.formatted(TREE, "AND c.oid IN (SELECT oid FROM tree)"))) {
      s.setArray(1, c.createArrayOf("bigint", oids.toArray()));
      return tables(c, s, Map.of());
    }
  }

  private static Map<Long, StatsSnapshot.Table> tables(Connection c, PreparedStatement query,
                                                      Map<Long, List<StatsSnapshot.Index>> indexes) throws SQLException {
    Map<Long, Row> rows = new LinkedHashMap<>();
    try (ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        long live = rs.getLong(6);
        Long liveRows = rs.wasNull() ? null : live;
        double tuples = rs.getDouble(5);
        // reltuples is -1 until the first VACUUM or ANALYZE (PostgreSQL 14+); the statistics
        // views' live row count is then the best estimate there is.
        Long estimate = tuples >= 0 ? Long.valueOf(Math.round(tuples)) : liveRows;
        rows.put(rs.getLong(1), new Row(rs.getString(2), rs.getString(3), rs.getString(4), estimate, rs.getLong(7)));
      }
    }
    addPartitions(c, rows);
    Map<Long, StatsSnapshot.Table> out = new LinkedHashMap<>();
    rows.forEach((oid, r) -> out.put(oid, new StatsSnapshot.Table(r.schema, r.name, kind(r.kind), r.rows, r.bytes,
        indexes.getOrDefault(oid, List.of()))));
    return out;
  }

  private static final class Row {
    final String schema;
    final String name;
    final String kind;
    Long rows;
    long bytes;

    Row(String schema, String name, String kind, Long rows, long bytes) {
      this.schema = schema;
      this.name = name;
      this.kind = kind;
      this.rows = rows;
      this.bytes = bytes;
    }
  }

  /** A partitioned table holds no rows itself: it counts its partitions', at every level. */
  private static void addPartitions(Connection c, Map<Long, Row> rows) throws SQLException {
    Map<Long, List<Long>> children = new HashMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT inhparent, inhrelid FROM pg_inherits")) {
      while (rs.next()) children.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
    }
    for (var e : rows.entrySet()) {
      if (!e.getValue().kind.equals("p")) continue;
      long[] sum = {0, 0};
      boolean[] known = {true};
      sumTree(e.getKey(), rows, children, sum, known, 0);
      e.getValue().rows = known[0] ? sum[0] : null;
      e.getValue().bytes += sum[1];
    }
  }

  private static void sumTree(long oid, Map<Long, Row> rows, Map<Long, List<Long>> children, long[] sum, boolean[] known,
                              int depth) {
    if (depth > 64) return;
    for (long child : children.getOrDefault(oid, List.of())) {
      Row r = rows.get(child);
      if (r == null) continue;
      if (r.kind.equals("p")) {
        sumTree(child, rows, children, sum, known, depth + 1);
      } else {
        if (r.rows == null) known[0] = false;
        else sum[0] += r.rows;
        sum[1] += r.bytes;
      }
    }
  }

  private static String kind(String relkind) {
    return switch (relkind) {
      case "p" -> "partitioned table";
      case "m" -> "materialized view";
      default -> "table";
    };
  }

  /** "public.orders" for a schema and name, quoted as PostgreSQL's quote_ident does. */
  static String qualified(String schema, String name) {
    return Identifiers.quote(schema) + "." + Identifiers.quote(name);
  }
}
