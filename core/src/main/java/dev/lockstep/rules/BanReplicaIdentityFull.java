package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.SchemaModel;
import dev.lockstep.engine.Severity;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.AlterTable;
import dev.lockstep.parse.ast.AlterTableCmd;
import dev.lockstep.parse.ast.AlterTableType;
import dev.lockstep.rules.support.MeasuredCases;
import dev.lockstep.rules.support.Sql;

@RuleInfo(id = "ban-replica-identity-full",
    title = "REPLICA IDENTITY FULL writes the whole old row to the WAL on every UPDATE and DELETE",
    severity = Severity.WARNING)
public final class BanReplicaIdentityFull implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (!(statement.node() instanceof AlterTable alter)) return;
    for (AlterTableCmd cmd : alter.commands()) {
      if (cmd.subtype() != AlterTableType.REPLICA_IDENTITY || !"f".equals(cmd.replicaIdentity())) continue;
      String table = alter.table().qualifiedName();
      var finding = out.report(this, statement)
          .message("REPLICA IDENTITY FULL on %s: every UPDATE and DELETE writes the whole old row to the WAL, and a "
              + "subscriber without a usable index scans its copy of %s for each replicated change", table, table);
      if (!context.createdEarlier(alter.table(), statement)) {
        finding.lock(MeasuredCases.get("replica-identity-full").on(table));
      }
      boolean hasPrimaryKey = context.table(alter.table()).map(t -> t.constraints().values().stream()
          .anyMatch(k -> k.kind() == SchemaModel.ConstraintKind.PRIMARY_KEY)).orElse(false);
      if (hasPrimaryKey) {
        finding.rewrite(Rewrite.of("The table has a primary key: the default replica identity logs only the key",
            new Rewrite.Step("instead, one short transaction (brief ACCESS EXCLUSIVE)",
                Sql.alterTable(alter.table(), "REPLICA IDENTITY DEFAULT"))));
      } else {
        finding.rewrite(Rewrite.of("Give the table a key the WAL can carry instead: a unique index on NOT NULL "
                + "columns, built concurrently, then used as the replica identity",
            new Rewrite.Step("migration 1, outside a transaction block",
                "CREATE UNIQUE INDEX CONCURRENTLY " + Sql.quote(alter.table().name() + "_replica_key") + " ON "
                    + table + " (key_columns);"),
            new Rewrite.Step("migration 2, one short transaction (brief ACCESS EXCLUSIVE)",
                Sql.alterTable(alter.table(), "REPLICA IDENTITY USING INDEX "
                    + Sql.quote(alter.table().name() + "_replica_key")))));
      }
    }
  }
}
