package dev.lockstep.trace;

import dev.lockstep.i18n.Text;
import dev.lockstep.parse.ParsedFile;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.Copy;
import dev.lockstep.parse.ast.Node;
import dev.lockstep.parse.ast.ObjectCommand;
import dev.lockstep.parse.ast.ObjectType;
import dev.lockstep.parse.ast.Rename;
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
  public record Effect(Statement statement, Text reason, boolean outsideServer) {}

  /** Statement kinds and function reasons whose effects leave the server itself. */
  private static final java.util.Set<Object> OUTSIDE_SERVER = java.util.Set.of("CreateTableSpaceStmt",
      "CreateSubscriptionStmt", "AlterSubscriptionStmt", "DropSubscriptionStmt", "LoadStmt", "CopyStmt",
      Text.of("reads the server's files"), Text.of("writes the server's files"), Text.of("connects to another database"));

  private static final Map<String, Text> STATEMENTS = Map.ofEntries(
      Map.entry("CreateRoleStmt", Text.of("CREATE ROLE creates a role, which belongs to the whole server")),
      Map.entry("AlterRoleStmt", Text.of("ALTER ROLE changes a role, which belongs to the whole server")),
      Map.entry("AlterRoleSetStmt", Text.of("ALTER ROLE ... SET changes a role's settings on the whole server")),
      Map.entry("DropRoleStmt", Text.of("DROP ROLE drops a role, which belongs to the whole server")),
      Map.entry("GrantRoleStmt", Text.of("GRANT/REVOKE of a role changes role membership on the whole server")),
      Map.entry("CreatedbStmt", Text.of("CREATE DATABASE creates a database next to the one traced")),
      Map.entry("DropdbStmt", Text.of("DROP DATABASE drops a database next to the one traced")),
      Map.entry("AlterDatabaseStmt", Text.of("ALTER DATABASE changes the named database, not the scratch copy")),
      Map.entry("AlterDatabaseSetStmt", Text.of("ALTER DATABASE ... SET changes the named database, not the scratch copy")),
      Map.entry("AlterDatabaseRefreshCollStmt", Text.of("ALTER DATABASE changes the named database, not the scratch copy")),
      Map.entry("AlterSystemStmt", Text.of("ALTER SYSTEM writes the server's configuration (postgresql.auto.conf)")),
      Map.entry("CreateTableSpaceStmt", Text.of("CREATE TABLESPACE creates a folder on the server for the whole server")),
      Map.entry("DropTableSpaceStmt", Text.of("DROP TABLESPACE drops a tablespace of the whole server")),
      Map.entry("AlterTableSpaceOptionsStmt", Text.of("ALTER TABLESPACE changes a tablespace of the whole server")),
      Map.entry("CreateSubscriptionStmt", Text.of("CREATE SUBSCRIPTION connects to another server and may create a "
          + "replication slot there")),
      Map.entry("AlterSubscriptionStmt", Text.of("ALTER SUBSCRIPTION changes replication from another server")),
      Map.entry("DropSubscriptionStmt", Text.of("DROP SUBSCRIPTION may drop a replication slot on another server")),
      Map.entry("LoadStmt", Text.of("LOAD loads a shared library into the server")),
      Map.entry("CheckPointStmt", Text.of("CHECKPOINT forces a checkpoint of the whole server")),
      Map.entry("ReassignOwnedStmt", Text.of("REASSIGN OWNED also changes the owner of databases and tablespaces")));

  /** Object types that are shared by the whole server, in GRANT, COMMENT, ALTER ... OWNER and RENAME. */
  private static final Map<ObjectType, Text> SHARED_OBJECTS = Map.of(ObjectType.DATABASE, Text.of("a database"),
      ObjectType.ROLE, Text.of("a role"), ObjectType.TABLESPACE, Text.of("a tablespace"), ObjectType.PARAMETER_ACL,
      Text.of("a server parameter"), ObjectType.SUBSCRIPTION, Text.of("a subscription"));

  private static final Map<String, Text> FUNCTIONS = functions();

  private static Map<String, Text> functions() {
    Map<String, Text> out = new java.util.HashMap<>();
    for (String f : List.of("pg_read_file", "pg_read_binary_file", "pg_ls_dir", "pg_stat_file", "pg_ls_logdir",
        "pg_ls_waldir", "pg_ls_tmpdir", "pg_ls_archive_statusdir", "pg_ls_logicalsnapdir", "pg_ls_logicalmapdir",
        "pg_ls_replslotdir", "lo_import", "pg_logdir_ls")) {
      out.put(f, Text.of("reads the server's files"));
    }
    for (String f : List.of("lo_export", "pg_file_write", "pg_file_rename", "pg_file_unlink", "pg_file_sync")) {
      out.put(f, Text.of("writes the server's files"));
    }
    for (String f : List.of("dblink", "dblink_exec", "dblink_connect", "dblink_connect_u", "dblink_send_query",
        "dblink_open")) {
      out.put(f, Text.of("connects to another database"));
    }
    for (String f : List.of("pg_terminate_backend", "pg_cancel_backend")) out.put(f, Text.of("acts on other sessions"));
    for (String f : List.of("pg_reload_conf", "pg_rotate_logfile", "pg_switch_wal", "pg_create_restore_point",
        "pg_promote", "pg_backup_start", "pg_backup_stop", "pg_start_backup", "pg_stop_backup", "pg_wal_replay_pause",
        "pg_wal_replay_resume", "pg_stat_reset_shared", "pg_log_backend_memory_contexts")) {
      out.put(f, Text.of("acts on the whole server"));
    }
    for (String f : List.of("pg_create_physical_replication_slot", "pg_create_logical_replication_slot",
        "pg_drop_replication_slot", "pg_copy_physical_replication_slot", "pg_copy_logical_replication_slot",
        "pg_replication_origin_create", "pg_replication_origin_drop")) {
      out.put(f, Text.of("changes the server's replication slots or origins"));
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
    Node node = s.node();
    String kind = node.kind();
    Text fixed = STATEMENTS.get(kind);
    boolean outside = OUTSIDE_SERVER.contains(kind);
    if (fixed != null) return new Effect(s, fixed, outside);
    if (node instanceof Copy copy && copy.program()) {
      return new Effect(s, copy.from() ? Text.of("COPY ... FROM PROGRAM runs a program on the server")
          : Text.of("COPY ... TO PROGRAM runs a program on the server"), outside);
    }
    if (node instanceof Copy copy && copy.serverFile()) {
      return new Effect(s, copy.from() ? Text.of("COPY ... FROM a file reads a file on the server")
          : Text.of("COPY ... TO a file writes a file on the server"), outside);
    }
    if (node instanceof ObjectCommand command && SHARED_OBJECTS.containsKey(command.objectType())) {
      Text shared = SHARED_OBJECTS.get(command.objectType());
      return switch (kind) {
        case "GrantStmt" -> new Effect(s, Text.of("GRANT/REVOKE on %s changes what belongs to the whole server", shared), outside);
        case "CommentStmt" -> new Effect(s, Text.of("COMMENT on %s is kept by the whole server", shared), outside);
        default -> new Effect(s, Text.of("ALTER ... OWNER of %s changes what belongs to the whole server", shared), outside);
      };
    }
    if (node instanceof Rename rename && SHARED_OBJECTS.containsKey(rename.objectType())) {
      return new Effect(s, Text.of("renaming %s changes what belongs to the server", SHARED_OBJECTS.get(rename.objectType())),
          outside);
    }
    // A definition runs nothing: its body's calls happen when it is called (a dynamic call cannot be seen).
    if (kind.equals("CreateFunctionStmt") || kind.equals("ViewStmt") || kind.equals("RuleStmt")) return null;
    for (String name : node.functionCalls()) {
      Text why = FUNCTIONS.get(name);
      if (why != null) return new Effect(s, Text.of("%s() %s", name, why), OUTSIDE_SERVER.contains(why));
    }
    return null;
  }
}
