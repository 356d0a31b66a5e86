package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.AlterTable;
import dev.lockstep.parse.ast.AlterTableCmd;
import dev.lockstep.parse.ast.ColumnDef;
import dev.lockstep.parse.ast.ObjectType;
import dev.lockstep.parse.ast.Rename;
import dev.lockstep.rules.support.MeasuredCases;
import dev.lockstep.rules.support.SerialTypes;
import dev.lockstep.rules.support.Sql;

/**
 * Logical replication carries rows, not DDL: a change to a published table's columns must reach
 * the subscribers in the right order, or their apply worker stops. Off by default: lockstep cannot
 * see whether a database publishes its tables.
 */
@RuleInfo(id = "require-subscriber-schema-first",
    title = "Logical replication does not carry schema changes: change the subscribers in the right order",
    severity = Severity.HINT, enabledByDefault = false)
public final class RequireSubscriberSchemaFirst implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (statement.node() instanceof AlterTable alter && alter.objectType() == ObjectType.TABLE
        && !context.createdEarlier(alter.table(), statement)) {
      String table = alter.table().qualifiedName();
      for (AlterTableCmd cmd : alter.commands()) {
        switch (cmd.subtype()) {
          case ADD_COLUMN -> {
            ColumnDef def = cmd.definition().orElse(null) instanceof ColumnDef d ? d : null;
            var finding = out.report(this, statement)
                .message("Logical replication does not carry ADD COLUMN: where %s is published, add %s on every "
                    + "subscriber first; a row with a column the subscriber lacks stops its replication", table,
                    def == null ? "?" : Sql.quote(def.name()))
                .rewrite(subscribersFirst(statement));
            if (def != null && plain(def, statement, context)) finding.lock(MeasuredCases.get("add-column-nullable").on(table));
          }
          case ALTER_COLUMN_TYPE -> out.report(this, statement)
              .message("Logical replication does not carry type changes: where %s is published, change %s on every "
                  + "subscriber first, to a type that accepts both the old and the new values", table,
                  Sql.quote(cmd.name()))
              .rewrite(subscribersFirst(statement));
          case DROP_COLUMN -> out.report(this, statement)
              .lock(MeasuredCases.get("drop-column").on(table))
              .message("Logical replication does not carry DROP COLUMN: where %s is published, drop %s here first and "
                  + "on the subscribers after; a subscriber column that is NOT NULL without a default must accept "
                  + "NULLs before", table, Sql.quote(cmd.name()))
              .rewrite(Rewrite.of("Drop on the publisher first, then on each subscriber",
                  new Rewrite.Step("migration 1, on this server (the publisher)", statement.text() + ";"),
                  new Rewrite.Step("migration 2, on every subscriber", statement.text() + ";")));
          default -> { }
        }
      }
    } else if (statement.node() instanceof Rename rename && rename.table() != null
        && (rename.objectType() == ObjectType.TABLE || rename.objectType() == ObjectType.COLUMN)
        && !context.createdEarlier(rename.table(), statement)) {
      out.report(this, statement)
          .message("Logical replication does not carry renames, and subscribers match tables and columns by name: "
              + "where %s is published, its changes stop applying on every subscriber until the same rename runs "
              + "there", rename.table().qualifiedName())
          .lock(MeasuredCases.get(rename.objectType() == ObjectType.TABLE ? "rename-table" : "rename-column")
              .on(rename.table().qualifiedName()))
          .rewrite(Rewrite.of("Pause each subscription, rename on both sides, then resume it (changes made meanwhile "
                  + "wait in the replication slot)",
              new Rewrite.Step("migration 1, on every subscriber", "ALTER SUBSCRIPTION subscription_name DISABLE;\n"
                  + statement.text() + ";"),
              new Rewrite.Step("migration 2, on this server (the publisher)", statement.text() + ";"),
              new Rewrite.Step("migration 3, on every subscriber", "ALTER SUBSCRIPTION subscription_name ENABLE;")));
    }
  }

  /**
   * A nullable column without a default, constraint or sequence: adding it changes only the catalog
   * (the measured case add-column-nullable). Other columns may scan or rewrite the table.
   */
  private static boolean plain(ColumnDef def, Statement statement, MigrationContext context) {
    return def.constraints().isEmpty() && def.type() != null && !SerialTypes.isSerial(def.type().name())
        && context.constrainedDomainBaseType(def.type().name(), statement).isEmpty();
  }

  private static Rewrite subscribersFirst(Statement statement) {
    return Rewrite.of("Change every subscriber first, then the publisher: a subscriber may have more columns than "
            + "the publisher sends, never fewer",
        new Rewrite.Step("migration 1, on every subscriber", statement.text() + ";"),
        new Rewrite.Step("migration 2, on this server (the publisher)", statement.text() + ";"));
  }
}
