package dev.lockstep.rules;

import static dev.lockstep.pg.ServerQueries.single;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;

/**
 * The later changes that the type rules warn about, tried on the columns a flagged statement made,
 * each in a transaction that is rolled back.
 */
final class LaterTypeChange {
  private LaterTypeChange() {}

  /** Every user column as "table\tcolumn\ttype". */
  static Set<String> columns(Connection c) throws SQLException {
    Set<String> out = new java.util.TreeSet<>();
    try (ResultSet rs = c.createStatement().executeQuery("SELECT a.attrelid::regclass::text, quote_ident(a.attname), "
        + "format_type(a.atttypid, a.atttypmod) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
        + "WHERE c.relkind = 'r' AND c.oid >= 16384 AND a.attnum > 0 AND NOT a.attisdropped")) {
      while (rs.next()) out.add(rs.getString(1) + "\t" + rs.getString(2) + "\t" + rs.getString(3));
    }
    return out;
  }

  /**
   * What the type rules say about changing the new columns later: an integer key widened to bigint
   * rewrites the table; a lower varchar limit rewrites it and char(n) pads; timestamp to timestamptz
   * rewrites unless the session's TimeZone is UTC; a serial's sequence is a separate object that a
   * copy made with LIKE goes on sharing.
   */
  static String check(String rule, Connection c, Set<String> before) throws SQLException {
    int subjects = 0;
    for (String column : columns(c)) {
      if (before.contains(column)) continue;
      String[] p = column.split("\t");
      String table = p[0];
      String name = p[1];
      String type = p[2];
      String problem = null;
      switch (rule) {
        case "prefer-bigint-keys" -> {
          if (!type.equals("integer") && !type.equals("smallint")) continue;
          if (!rewrites(c, null, "ALTER TABLE " + table + " ALTER COLUMN " + name + " TYPE bigint")) {
            problem = "widening " + name + " to bigint did not rewrite " + table;
          }
        }
        case "prefer-text-type" -> {
          java.util.regex.Matcher n = java.util.regex.Pattern.compile("(character varying|character)\\((\\d+)\\)").matcher(type);
          if (!n.matches()) continue;
          int limit = Integer.parseInt(n.group(2));
          if (n.group(1).equals("character")) {
            if (single(c, "SELECT octet_length(CAST('a' AS " + type + "))") != limit) problem = type + " does not pad 'a'";
          } else if (limit > 1 && !rewrites(c, null, "ALTER TABLE " + table + " ALTER COLUMN " + name
              + " TYPE varchar(" + (limit - 1) + ")")) {
            problem = "lowering the limit of " + name + " did not rewrite " + table;
          }
        }
        case "prefer-timestamptz" -> {
          if (!type.startsWith("timestamp") || type.contains("with time zone")) continue;
          String change = "ALTER TABLE " + table + " ALTER COLUMN " + name + " TYPE timestamptz";
          if (!rewrites(c, "Europe/Berlin", change)) problem = "converting " + name + " in Berlin time did not rewrite";
          else if (rewrites(c, "UTC", change)) problem = "converting " + name + " in UTC rewrote " + table;
        }
        case "prefer-identity-columns" -> {
          String sequence = null;
          try (var ps = c.prepareStatement("SELECT pg_get_serial_sequence(?, ?)")) {
            ps.setString(1, table);
            ps.setString(2, name.replace("\"", ""));
            try (ResultSet rs = ps.executeQuery()) {
              if (rs.next()) sequence = rs.getString(1);
            }
          }
          if (sequence == null) continue;
          if (!sharedByACopy(c, table, name, sequence)) problem = "a LIKE copy of " + table + " has its own sequence";
        }
        default -> throw new IllegalStateException(rule);
      }
      subjects++;
      if (problem != null) return problem;
    }
    return subjects > 0 ? null : "the statement made no column the rule is about";
  }

  /** Whether the change, run in a transaction that is rolled back, gives the table a new file. */
  private static boolean rewrites(Connection c, String timeZone, String change) throws SQLException {
    boolean own = ServerStatements.tryOut(c);
    if (timeZone != null) ServerStatements.execute(c, "SET LOCAL TimeZone = '" + timeZone + "'");
    String table = change.split(" ")[2];
    long file = single(c, "SELECT relfilenode FROM pg_class WHERE oid = '" + table.replace("'", "''") + "'::regclass");
    ServerStatements.execute(c, change);
    long after = single(c, "SELECT relfilenode FROM pg_class WHERE oid = '" + table.replace("'", "''") + "'::regclass");
    ServerStatements.undo(c, own);
    return file != after;
  }

  private static boolean sharedByACopy(Connection c, String table, String column, String sequence) throws SQLException {
    boolean own = ServerStatements.tryOut(c);
    ServerStatements.execute(c, "CREATE TABLE lockstep_copy (LIKE " + table + " INCLUDING ALL)");
    String copied;
    try (ResultSet rs = c.createStatement().executeQuery("SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d "
        + "JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum "
        + "WHERE d.adrelid = 'lockstep_copy'::regclass AND quote_ident(a.attname) = '" + column.replace("'", "''") + "'")) {
      copied = rs.next() ? rs.getString(1) : "";
    }
    ServerStatements.undo(c, own);
    return copied.contains(sequence.substring(sequence.indexOf('.') + 1));
  }
}
