package dev.lockstep.trace;

import dev.lockstep.i18n.Text;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the whole server holds outside any one database (roles and their memberships, databases,
 * tablespaces, role and database settings, subscriptions, ALTER SYSTEM settings), taken before and
 * after a trace: a change the parse tree could not show (dynamic SQL in a DO block or function) is
 * still found and reported. Parts this user may not read are left out.
 */
record ServerState(Map<String, TreeSet<String>> parts) {
  private static final Map<String, String> QUERIES = queries();

  private static Map<String, String> queries() {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("role", "SELECT rolname || ' (' || concat_ws(',', rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, "
        + "rolreplication, rolbypassrls, rolconnlimit, rolvaliduntil, array_to_string(rolconfig, ' ')) || ')' FROM pg_roles");
    q.put("role membership", "SELECT member::regrole::text || ' in ' || roleid::regrole::text FROM pg_auth_members");
    q.put("database", "SELECT datname || ' (' || concat_ws(',', datacl::text, datallowconn, datconnlimit, datdba::regrole) "
        + "|| ')' FROM pg_database WHERE datname NOT LIKE 'lockstep\\_trace\\_%'");
    q.put("tablespace", "SELECT spcname || ' (' || concat_ws(',', spcacl::text, array_to_string(spcoptions, ' ')) || ')' "
        + "FROM pg_tablespace");
    q.put("role or database setting", "SELECT concat_ws('/', setdatabase, setrole) || ' ' || array_to_string(setconfig, ' ') "
        + "FROM pg_db_role_setting");
    q.put("subscription", "SELECT subname FROM pg_subscription");
    q.put("ALTER SYSTEM setting", "SELECT name || ' = ' || setting FROM pg_file_settings "
        + "WHERE sourcefile LIKE '%postgresql.auto.conf'");
    return q;
  }

  static ServerState of(Connection c) throws SQLException {
    Map<String, TreeSet<String>> parts = new LinkedHashMap<>();
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      for (var q : QUERIES.entrySet()) {
        TreeSet<String> rows = new TreeSet<>();
        try (ResultSet rs = s.executeQuery(q.getValue())) {
          while (rs.next()) rows.add(rs.getString(1));
          parts.put(q.getKey(), rows);
        } catch (SQLException e) {
          if (!"42501".equals(e.getSQLState())) throw e; // not readable by this user: left out
        }
      }
    } finally {
      c.setAutoCommit(autoCommit);
    }
    return new ServerState(parts);
  }

  /** What changed, e.g. "role lockstep_x (…) added"; empty if nothing did. */
  List<Text> changesSince(ServerState before) {
    List<Text> out = new ArrayList<>();
    for (var part : parts.entrySet()) {
      TreeSet<String> was = before.parts().get(part.getKey());
      if (was == null) continue;
      Text kind = Text.of(part.getKey()); // "role", "tablespace": each a catalogue entry of its own
      for (String row : part.getValue()) if (!was.contains(row)) out.add(Text.of("%s %s added", kind, row));
      for (String row : was) if (!part.getValue().contains(row)) out.add(Text.of("%s %s removed", kind, row));
    }
    return out;
  }
}
