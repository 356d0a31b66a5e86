package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.engine.TransactionPlan;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.AlterSystem;
import dev.lockstep.parse.ast.AlterTable;
import dev.lockstep.parse.ast.AlterTableCmd;
import dev.lockstep.parse.ast.AlterTableType;
import dev.lockstep.parse.ast.CreateIndex;
import dev.lockstep.parse.ast.DatabaseCommand;
import dev.lockstep.parse.ast.Drop;
import dev.lockstep.parse.ast.Node;
import dev.lockstep.parse.ast.PartitionCmd;
import dev.lockstep.parse.ast.Reindex;
import dev.lockstep.parse.ast.Vacuum;
import dev.lockstep.rules.support.Relocations;
import dev.lockstep.rules.support.ToolAdvice;

@RuleInfo(id = "ban-concurrently-in-transaction",
    title = "Statements that cannot run inside a transaction block",
    severity = Severity.ERROR)
public final class BanConcurrentlyInTransaction implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (!context.inTransaction(statement)) {
      waitsForTheToolsLock(statement, context, out);
      return;
    }
    String what = nonTransactional(statement.node());
    if (what == null) return;
    Findings.Builder finding;
    if (statement.enclosingIndex() >= 0) {
      finding = out.report(this, statement).message("%s cannot run inside a DO block or function: PostgreSQL rejects it "
          + "(\"%s cannot be executed from a function\") and the migration fails", what, what);
    } else if (context.tool() == TransactionPlan.Tool.FLYWAY && context.flywayRefusesMix(statement)) {
      finding = out.report(this, statement).message("Flyway refuses a script that holds %s beside statements it runs "
          + "in a transaction (\"%s\") and the migration fails", what,
          "Detected both transactional and non-transactional statements within the same migration (even though mixed is false)");
    } else {
      finding = out.report(this, statement).message("%s cannot run inside a transaction block: PostgreSQL rejects it with "
          + "\"%s cannot run inside a transaction block\" and the migration fails", what, what);
    }
    finding.rewrite(ToolAdvice.outsideTransaction(context, statement.text()));
    if (Relocations.possible(statement, context) && !what.endsWith("DATABASE") && !what.equals("ALTER SYSTEM")) {
      finding.relocate(Relocations.move(statement, "Move it to a migration that runs outside a transaction block",
          statement.text() + ";", true, null, null, Relocations.slug(what.replace("ALTER TABLE ...", "")
              .replace("CONCURRENTLY", "concurrently"))));
    }
  }

  /**
   * Outside a transaction, CREATE INDEX and REINDEX CONCURRENTLY still wait for every transaction open
   * when they start: Flyway's own lock transaction (postgresql.transactional.lock, on by default) never
   * ends before the script does, so the migration hangs (or fails on its lock_timeout).
   */
  private void waitsForTheToolsLock(Statement statement, MigrationContext context, Findings out) {
    if (statement.enclosingIndex() >= 0 || !context.toolLockTransaction()
        || !TransactionPlan.waitsForOpenTransactions(statement.node())) {
      return;
    }
    String what = nonTransactional(statement.node());
    out.report(this, statement)
        .message("%s waits for every open transaction, and Flyway keeps its lock in a transaction while it migrates "
            + "(%s is on by default): the migration waits for Flyway itself and hangs, or fails on its lock_timeout",
            what, "postgresql.transactional.lock")
        .rewrite(Rewrite.of("Set flyway.postgresql.transactional.lock=false in flyway.conf "
                + "(spring.flyway.postgresql.transactional-lock=false in Spring Boot's application.properties, or the "
                + "environment variable FLYWAY_POSTGRESQL_TRANSACTIONAL_LOCK=false) so that Flyway holds its lock "
                + "outside a transaction",
            new Rewrite.Step("flyway.conf", "flyway.postgresql.transactional.lock=false")));
  }

  /** How PostgreSQL names the statement in its error, or null if it may run in a transaction. */
  private static String nonTransactional(Node node) {
    if (node instanceof CreateIndex i && i.concurrently()) return "CREATE INDEX CONCURRENTLY";
    if (node instanceof Drop d && d.concurrently()) return "DROP INDEX CONCURRENTLY";
    // PostgreSQL refuses REINDEX SCHEMA, SYSTEM and DATABASE in a transaction block, concurrently or not
    if (node instanceof Reindex r && TransactionPlan.reindexesMany(r)) return "REINDEX " + r.objectKind().name();
    if (node instanceof Reindex r && r.concurrently()) return "REINDEX CONCURRENTLY";
    if (node instanceof Vacuum v && v.vacuum()) return "VACUUM";
    if (node instanceof AlterTable at) {
      for (AlterTableCmd cmd : at.commands()) {
        if (cmd.subtype() == AlterTableType.DETACH_PARTITION && cmd.definition().orElse(null) instanceof PartitionCmd p
            && p.concurrently()) {
          return "ALTER TABLE ... DETACH CONCURRENTLY";
        }
      }
    }
    if (node instanceof DatabaseCommand db) return db.drops() ? "DROP DATABASE" : "CREATE DATABASE";
    if (node instanceof AlterSystem) return "ALTER SYSTEM";
    return null;
  }
}
