package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.CreateIndex;
import dev.lockstep.parse.ast.Identifiers;
import dev.lockstep.parse.ast.RangeVar;
import dev.lockstep.rules.support.MeasuredCases;

@RuleInfo(id = "ban-concurrent-index-if-not-exists",
    title = "CREATE INDEX CONCURRENTLY IF NOT EXISTS skips an INVALID index left by a failed build",
    severity = Severity.WARNING)
public final class BanConcurrentIndexIfNotExists implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (!(statement.node() instanceof CreateIndex index) || !index.concurrently() || !index.ifNotExists()
        || index.name() == null) {
      return;
    }
    if (context.createdEarlier(index.table(), statement)) return; // nothing can have left an index on a new table
    if (context.inTransaction(statement)) return; // it cannot run there at all: ban-concurrently-in-transaction
    String name = qualifiedName(index.name(), index.table());
    String withoutIfNotExists = withoutIfNotExists(statement);
    out.report(this, statement)
        .message("If an earlier run of this build failed, an INVALID index %s is left behind: IF NOT EXISTS then "
            + "skips the build, the migration succeeds and the index is never used and never enforces uniqueness",
            name)
        .lock(MeasuredCases.get("cic").on(index.table().qualifiedName()))
        .rewrite(Rewrite.of("Drop a leftover of a failed build first, then build: the pair is safe to run again. "
                + "lockstep preflight lists the INVALID indexes a database already has",
            new Rewrite.Step("outside a transaction block", "DROP INDEX CONCURRENTLY IF EXISTS " + name + ";"),
            new Rewrite.Step("then, outside a transaction block", withoutIfNotExists + ";")));
  }

  /** The index lives in its table's schema. */
  private static String qualifiedName(String index, RangeVar table) {
    String name = Identifiers.quote(index);
    return table.schema() != null ? Identifiers.quote(table.schema()) + "." + name : name;
  }

  /** The statement without IF NOT EXISTS: after the drop, a build that finds the name taken should fail loudly. */
  private static String withoutIfNotExists(Statement statement) {
    int after = statement.endOfWord("CONCURRENTLY") - statement.span().start();
    String text = statement.text();
    return text.substring(0, after) + text.substring(after).replaceFirst("(?i)^\\s+IF\\s+NOT\\s+EXISTS\\b", "");
  }
}
