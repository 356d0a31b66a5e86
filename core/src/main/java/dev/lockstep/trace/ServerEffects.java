package dev.lockstep.trace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.parse.ParsedFile;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.Trees;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Statements whose effects reach beyond the database a trace runs in, found in the parse tree before
 * anything runs: roles, databases and tablespaces belong to the whole server, ALTER SYSTEM writes its
 * configuration, COPY with a program or a file and some functions reach the server's operating
 * system or other sessions. A scratch copy of the database does not contain them, so tracing them
 * would change the real server.
 */
public final class ServerEffects {
  /**
   * One such statement, and why it reaches outside the database; {@code outsideServer}: it reaches
   * beyond the server too (the host's programs and files, other servers), so even a throwaway server
   * does not contain it.
   */
  public record Effect(Statement statement, String reason, boolean outsideServer) {}

  /** Statement kinds and function reasons whose effects leave the server itself. */
  private static final java.util.Set<String> OUTSIDE_SERVER = java.util.Set.of("CreateTableSpaceStmt",
      "CreateSubscriptionStmt", "AlterSubscriptionStmt", "DropSubscriptionStmt", "LoadStmt", "CopyStmt",
      "reads the server's files", "writes the server's files", "connects to another database");

  private static final Map<String, String> STATEMENTS = Map.ofEntries(
      Map.entry("CreateRoleStmt", "CREATE ROLE creates a role, which belongs to the whole server"),
      Map.entry("AlterRoleStmt", "ALTER ROLE changes a role, which belongs to the whole server"),
      Map.entry("AlterRoleSetStmt", "ALTER ROLE ... SET changes a role's settings on the whole server"),
      Map.entry("DropRoleStmt", "DROP ROLE drops a role, which belongs to the whole server"),
      Map.entry("GrantRoleStmt", "GRANT/REVOKE of a role changes role membership on the whole server"),
      Map.entry("CreatedbStmt", "CREATE DATABASE creates a database next to the one traced"),
      Map.entry("DropdbStmt", "DROP DATABASE drops a database next to the one traced"),
      Map.entry("AlterDatabaseStmt", "ALTER DATABASE changes the named database, not the scratch copy"),
      Map.entry("AlterDatabaseSetStmt", "ALTER DATABASE ... SET changes the named database, not the scratch copy"),
      Map.entry("AlterDatabaseRefreshCollStmt", "ALTER DATABASE changes the named database, not the scratch copy"),
      Map.entry("AlterSystemStmt", "ALTER SYSTEM writes the server's configuration (postgresql.auto.conf)"),
      Map.entry("CreateTableSpaceStmt", "CREATE TABLESPACE creates a folder on the server for the whole server"),
      Map.entry("DropTableSpaceStmt", "DROP TABLESPACE drops a tablespace of the whole server"),
      Map.entry("AlterTableSpaceOptionsStmt", "ALTER TABLESPACE changes a tablespace of the whole server"),
      Map.entry("CreateSubscriptionStmt", "CREATE SUBSCRIPTION connects to another server and may create a "
          + "replication slot there"),
      Map.entry("AlterSubscriptionStmt", "ALTER SUBSCRIPTION changes replication from another server"),
      Map.entry("DropSubscriptionStmt", "DROP SUBSCRIPTION may drop a replication slot on another server"),
      Map.entry("LoadStmt", "LOAD loads a shared library into the server"),
      Map.entry("CheckPointStmt", "CHECKPOINT forces a checkpoint of the whole server"),
      Map.entry("ReassignOwnedStmt", "REASSIGN OWNED also changes the owner of databases and tablespaces"));

  /** Object types that are shared by the whole server, in GRANT, COMMENT, ALTER ... OWNER and RENAME. */
  private static final Map<String, String> SHARED_OBJECTS = Map.of("OBJECT_DATABASE", "a database",
      "OBJECT_ROLE", "a role", "OBJECT_TABLESPACE", "a tablespace", "OBJECT_PARAMETER_ACL", "a server parameter",
      "OBJECT_SUBSCRIPTION", "a subscription");

  private static final Map<String, String> FUNCTIONS = functions();

  private static Map<String, String> functions() {
    Map<String, String> out = new java.util.HashMap<>();
    for (String f : List.of("pg_read_file", "pg_read_binary_file", "pg_ls_dir", "pg_stat_file", "pg_ls_logdir",
        "pg_ls_waldir", "pg_ls_tmpdir", "pg_ls_archive_statusdir", "pg_ls_logicalsnapdir", "pg_ls_logicalmapdir",
        "pg_ls_replslotdir", "lo_import", "pg_logdir_ls")) {
      out.put(f, "reads the server's files");
    }
    for (String f : List.of("lo_export", "pg_file_write", "pg_file_rename", "pg_file_unlink", "pg_file_sync")) {
      out.put(f, "writes the server's files");
    }
    for (String f : List.of("dblink", "dblink_exec", "dblink_connect", "dblink_connect_u", "dblink_send_query",
        "dblink_open")) {
      out.put(f, "connects to another database");
    }
    for (String f : List.of("pg_terminate_backend", "pg_cancel_backend")) out.put(f, "acts on other sessions");
    for (String f : List.of("pg_reload_conf", "pg_rotate_logfile", "pg_switch_wal", "pg_create_restore_point",
        "pg_promote", "pg_backup_start", "pg_backup_stop", "pg_start_backup", "pg_stop_backup", "pg_wal_replay_pause",
        "pg_wal_replay_resume", "pg_stat_reset_shared", "pg_log_backend_memory_contexts")) {
      out.put(f, "acts on the whole server");
    }
    for (String f : List.of("pg_create_physical_replication_slot", "pg_create_logical_replication_slot",
        "pg_drop_replication_slot", "pg_copy_physical_replication_slot", "pg_copy_logical_replication_slot",
        "pg_replication_origin_create", "pg_replication_origin_drop")) {
      out.put(f, "changes the server's replication slots or origins");
    }
    return Map.copyOf(out);
  }

  private ServerEffects() {}

  /** Every statement of the file (those a DO block runs included) with effects outside the database. */
  public static List<Effect> of(ParsedFile file) {
    List<Effect> out = new ArrayList<>();
    for (Statement s : file.statements()) {
      Effect effect = effect(s);
      if (effect != null) out.add(effect);
    }
    return out;
  }

  private static Effect effect(Statement s) {
    JsonNode tree = s.tree();
    if (tree == null || !tree.fields().hasNext()) return null;
    String kind = tree.fieldNames().next();
    JsonNode fields = tree.get(kind);
    String fixed = STATEMENTS.get(kind);
    boolean outside = OUTSIDE_SERVER.contains(kind);
    if (fixed != null) return new Effect(s, fixed, outside);
    switch (kind) {
      case "CopyStmt" -> {
        if (fields.path("is_program").asBoolean()) {
          String direction = fields.path("is_from").asBoolean() ? "FROM" : "TO";
          return new Effect(s, "COPY ... " + direction + " PROGRAM runs a program on the server", outside);
        }
        if (fields.has("filename")) {
          String action = fields.path("is_from").asBoolean() ? "FROM a file reads" : "TO a file writes";
          return new Effect(s, "COPY ... " + action + " a file on the server", outside);
        }
      }
      case "GrantStmt" -> {
        String shared = SHARED_OBJECTS.get(fields.path("objtype").asText());
        if (shared != null) {
          return new Effect(s, "GRANT/REVOKE on " + shared + " changes what belongs to the whole server", outside);
        }
      }
      case "CommentStmt" -> {
        String shared = SHARED_OBJECTS.get(fields.path("objtype").asText());
        if (shared != null) return new Effect(s, "COMMENT on " + shared + " is kept by the whole server", outside);
      }
      case "AlterOwnerStmt" -> {
        String shared = SHARED_OBJECTS.get(fields.path("objectType").asText());
        if (shared != null) {
          return new Effect(s, "ALTER ... OWNER of " + shared + " changes what belongs to the whole server", outside);
        }
      }
      case "RenameStmt" -> {
        String shared = SHARED_OBJECTS.get(fields.path("renameType").asText());
        if (shared != null) return new Effect(s, "renaming " + shared + " changes what belongs to the server", outside);
      }
      default -> { }
    }
    // A definition runs nothing: its body's calls happen when it is called (a dynamic call cannot be seen).
    if (kind.equals("CreateFunctionStmt") || kind.equals("ViewStmt") || kind.equals("RuleStmt")) return null;
    Effect[] called = {null};
    Trees.walk(fields, node -> {
      JsonNode call = node.get("FuncCall");
      if (call != null && called[0] == null) {
        JsonNode names = call.path("funcname");
        String name = names.path(names.size() - 1).path("String").path("sval").asText();
        String why = FUNCTIONS.get(name);
        if (why != null) called[0] = new Effect(s, name + "() " + why, OUTSIDE_SERVER.contains(why));
      }
      return called[0] == null;
    });
    return called[0];
  }
}
