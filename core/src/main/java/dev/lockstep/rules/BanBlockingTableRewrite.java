package dev.lockstep.rules;

import dev.lockstep.i18n.Text;
import dev.lockstep.engine.Findings;
import dev.lockstep.engine.LockFacts;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.AlterTable;
import dev.lockstep.parse.ast.AlterTableCmd;
import dev.lockstep.parse.ast.Cluster;
import dev.lockstep.parse.ast.RangeVar;
import dev.lockstep.parse.ast.Vacuum;
import dev.lockstep.rules.support.MeasuredCases;

@RuleInfo(id = "ban-blocking-table-rewrite",
    title = "VACUUM FULL, CLUSTER, SET LOGGED/UNLOGGED and SET TABLESPACE rewrite the table under ACCESS EXCLUSIVE",
    severity = Severity.ERROR)
public final class BanBlockingTableRewrite implements Rule {
  private static final String REPACK = "Use pg_repack or pg_squeeze, which rebuild the table online and take ACCESS "
      + "EXCLUSIVE only for the final swap; or run it in a maintenance window with the application stopped";

  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (statement.node() instanceof Vacuum v && v.vacuum() && v.full()) {
      for (RangeVar t : v.tables()) {
        if (!context.createdEarlier(t, statement)) {
          report(statement, Text.of("VACUUM FULL %s copies the whole table and rebuilds its indexes", t.qualifiedName()),
              MeasuredCases.get("vacuum-full").on(t.qualifiedName()), REPACK + "; plain VACUUM reclaims space for reuse "
                  + "without a lock that blocks traffic", out);
        }
      }
      if (v.tables().isEmpty()) {
        report(statement, Text.of("VACUUM FULL without a table rewrites every table of the database one after another"),
            MeasuredCases.get("vacuum-full").on("each table"), REPACK, out);
      }
    } else if (statement.node() instanceof Cluster c) {
      if (c.table() != null && context.createdEarlier(c.table(), statement)) return;
      String t = c.table() == null ? "every previously clustered table" : c.table().qualifiedName();
      report(statement, c.table() == null
              ? Text.of("CLUSTER without a table rewrites every previously clustered table in index order and rebuilds its indexes")
              : Text.of("CLUSTER %s rewrites the table in index order and rebuilds its indexes", t),
          MeasuredCases.get("cluster").on(t), REPACK + " (pg_repack --order-by keeps the clustering)", out);
    } else if (statement.node() instanceof AlterTable at && !context.createdEarlier(at.table(), statement)) {
      String t = at.table().qualifiedName();
      for (AlterTableCmd cmd : at.commands()) {
        switch (cmd.subtype()) {
          case SET_LOGGED -> report(statement, Text.of("SET LOGGED rewrites %s and writes all of it to the WAL", t),
              MeasuredCases.get("set-logged").on(t), "Create the table LOGGED from the start; converting a live "
                  + "table needs a maintenance window", out);
          case SET_UNLOGGED -> report(statement, Text.of("SET UNLOGGED rewrites %s", t),
              MeasuredCases.get("set-unlogged").on(t), "Avoid switching live tables: an unlogged table is also "
                  + "emptied after a crash and not replicated", out);
          case SET_TABLESPACE -> report(statement, Text.of("SET TABLESPACE copies every data file of %s to the new tablespace under an "
                  + "ACCESS EXCLUSIVE lock (PostgreSQL documentation)", t), null,
              "Move the table with pg_repack --tablespace, or in a maintenance window", out);
          default -> { }
        }
      }
    }
  }

  private void report(Statement statement, Text what, LockFacts lock, String instead, Findings out) {
    var finding = out.report(this, statement)
        .message("%s while holding an ACCESS EXCLUSIVE lock: reads and writes wait for the whole rewrite", what)
        .rewrite(Rewrite.of(instead));
    if (lock != null) finding.lock(lock);
  }
}
