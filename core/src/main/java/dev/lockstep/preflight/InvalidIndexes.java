package dev.lockstep.preflight;

import dev.lockstep.i18n.Catalog;
import dev.lockstep.i18n.Text;
import dev.lockstep.engine.Severity;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds INVALID indexes and writes their remediation. A concurrent build that is still running has
 * an INVALID index too: pg_stat_progress_create_index tells it apart, and it is reported as in
 * progress, never as something to drop.
 */
public final class InvalidIndexes {
  /** The lock_timeout the remediation sets: a DROP or CREATE that would queue gives up instead. */
  public static final String LOCK_TIMEOUT = "5s";
  private static final Pattern CREATE = Pattern.compile("^CREATE (UNIQUE )?INDEX ");
  /** REINDEX CONCURRENTLY's leftovers: the original index is still there, so these are only dropped. */
  private static final Pattern REINDEX_LEFTOVER = Pattern.compile(".*_cc(new|old)\\d*");
  private static final String QUERY = """
      SELECT format('%I.%I', n.nspname, x.relname), format('%I.%I', tn.nspname, t.relname), pg_get_indexdef(i.indexrelid),
        x.relpages::bigint * current_setting('block_size')::bigint, x.relname,
        EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid
                AND k.contype IN ('p', 'u', 'x')),
        (SELECT string_agg(p.command || ' by pid ' || p.pid || ': ' || p.phase, '; ' ORDER BY p.pid)
           FROM pg_stat_progress_create_index p
           WHERE p.index_relid = i.indexrelid OR (p.relid = i.indrelid AND coalesce(p.index_relid, 0) = 0)
              OR (p.relid = i.indrelid AND p.command LIKE 'REINDEX CONCURRENTLY%')),
        (SELECT count(*) FROM pg_stat_progress_create_index p WHERE p.relid IS NULL)
      FROM pg_index i
      JOIN pg_class x ON x.oid = i.indexrelid JOIN pg_namespace n ON n.oid = x.relnamespace
      JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace tn ON tn.oid = t.relnamespace
      WHERE NOT i.indisvalid
      ORDER BY n.nspname, x.relname""";

  private InvalidIndexes() {}

  /** Every INVALID index of the database; {@code notChecked} learns what the role could not see. */
  public static List<InvalidIndex> find(Connection c, int serverMajor, List<Text> notChecked) throws SQLException {
    List<InvalidIndex> out = new ArrayList<>();
    boolean hidden = false;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(QUERY)) {
      while (rs.next()) {
        String index = rs.getString(1);
        String table = rs.getString(2);
        String definition = rs.getString(3);
        String build = rs.getString(7);
        boolean otherRolesHidden = rs.getLong(8) > 0;
        InvalidIndex.State state = build != null ? InvalidIndex.State.BUILD_IN_PROGRESS
            : otherRolesHidden ? InvalidIndex.State.UNKNOWN : InvalidIndex.State.INVALID;
        hidden |= state == InvalidIndex.State.UNKNOWN;
        List<String> fix = state == InvalidIndex.State.BUILD_IN_PROGRESS ? List.of()
            : remediation(index, rs.getString(5), definition, rs.getBoolean(6), serverMajor);
        out.add(new InvalidIndex(index, table, definition, rs.getLong(4), state, build,
            state == InvalidIndex.State.INVALID ? Severity.ERROR : Severity.WARNING, fix));
      }
    }
    if (hidden) {
      notChecked.add(Text.of("whether the INVALID indexes are being built right now: other roles' index builds are hidden "
          + "(grant pg_read_all_stats to see them)"));
    }
    return out;
  }

  /**
   * The statements that remove the index and build it again without blocking writes: DROP INDEX
   * CONCURRENTLY, then its definition rebuilt CONCURRENTLY (or REINDEX CONCURRENTLY for the index
   * of a constraint, which cannot be dropped alone; or the DROP alone for REINDEX CONCURRENTLY's
   * leftovers, whose original index is still in place).
   */
  static List<String> remediation(String index, String bareName, String definition, boolean backsConstraint, int major) {
    List<String> out = new ArrayList<>();
    out.add("SET lock_timeout = '" + LOCK_TIMEOUT + "';");
    if (backsConstraint && major >= 12) {
      out.add("REINDEX INDEX CONCURRENTLY " + index + ";");
    } else {
      out.add("DROP INDEX CONCURRENTLY IF EXISTS " + index + ";");
      Matcher m = CREATE.matcher(definition);
      if (!REINDEX_LEFTOVER.matcher(bareName).matches() && m.find()) {
        out.add("CREATE " + (m.group(1) == null ? "" : "UNIQUE ") + "INDEX CONCURRENTLY " + definition.substring(m.end()) + ";");
      }
    }
    out.add("RESET lock_timeout;");
    return out;
  }

  /** The remediation as a script to paste into psql, its comments in the catalogue's language. */
  public static String script(InvalidIndex index, Catalog catalog) {
    StringBuilder sb = new StringBuilder();
    sb.append("-- ").append(catalog.translate("outside a transaction block (CONCURRENTLY cannot run inside one), one "
        + "statement at a time")).append('\n');
    for (String statement : index.remediation()) sb.append(statement).append('\n');
    sb.append("-- ").append(catalog.translate("if a statement stops with \"canceling statement due to lock timeout\", run "
        + "it again later;")).append('\n');
    sb.append("-- ").append(catalog.translate("a CREATE that fails leaves a new INVALID index: start again from the DROP"))
        .append('\n');
    return sb.toString();
  }
}
