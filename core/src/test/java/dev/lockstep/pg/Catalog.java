package dev.lockstep.pg;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The user schema of a database as sorted lines: relations, columns with types and NOT NULL,
 * constraints with their definition and whether they are validated, indexes with their definition
 * and whether they are valid. Two databases with equal lines have the same schema.
 */
public final class Catalog {
  private static final String USER = "n.nspname NOT IN ('pg_catalog', 'information_schema') "
      + "AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'";

  private Catalog() {}

  public static List<String> snapshot(Connection c) throws SQLException {
    String sql = "SELECT 'relation ' || c.oid::regclass || ' ' || c.relkind::text || ' ' || c.relpersistence::text "
        + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'm', 'v', 'S') AND " + USER
        + " UNION ALL SELECT 'column ' || c.oid::regclass || '.' || quote_ident(a.attname) || ' ' "
        + "|| format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END "
        + "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
        + "WHERE c.relkind IN ('r', 'p', 'm', 'v') AND a.attnum > 0 AND NOT a.attisdropped AND " + USER
        + " UNION ALL SELECT 'constraint ' || k.conrelid::regclass || ' ' || quote_ident(k.conname) || ' ' "
        + "|| pg_get_constraintdef(k.oid) || CASE WHEN k.convalidated THEN '' ELSE ' (not validated)' END "
        + "FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace WHERE k.conrelid <> 0 AND " + USER
        + " UNION ALL SELECT 'index ' || pg_get_indexdef(i.indexrelid) || CASE WHEN i.indisvalid THEN '' ELSE ' (invalid)' END "
        + "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + USER
        + " ORDER BY 1";
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) out.add(rs.getString(1));
    }
    return out;
  }
}
