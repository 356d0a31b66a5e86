package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.fix.Applicability;
import dev.lockstep.fix.Fix;
import dev.lockstep.fix.TextEdit;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.CreateIndex;
import dev.lockstep.parse.ast.Identifiers;
import dev.lockstep.parse.ast.RangeVar;
import dev.lockstep.rules.support.MeasuredCases;
import dev.lockstep.rules.support.Relocations;
import dev.lockstep.rules.support.ToolSteps;

@RuleInfo(id = "require-concurrent-index",
    title = "Build indexes on existing tables with CONCURRENTLY",
    severity = Severity.ERROR, fix = RuleInfo.FixAvailability.SOMETIMES)
public final class RequireConcurrentIndex implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (!(statement.node() instanceof CreateIndex index) || index.concurrently()) return;
    RangeVar table = index.table();
    if (context.createdEarlier(table, statement)) return; // new table: no traffic to block yet
    if (!table.inherit()) return; // ON ONLY a partitioned parent: builds nothing, the partitions do

    int indexKeywordEnd = statement.endOfWord("INDEX");
    String concurrent = statement.source().text().substring(statement.span().start(), indexKeywordEnd)
        + " CONCURRENTLY" + statement.source().text().substring(indexKeywordEnd, statement.span().end());
    // CONCURRENTLY cannot run inside a transaction block: there the fix needs a new migration.
    Applicability level = context.inTransaction(statement) ? Applicability.DISPLAY_ONLY : Applicability.SAFE;

    var finding = out.report(this, statement)
        .message("%s on %s takes a SHARE lock for the whole build: INSERT, UPDATE and DELETE on %s wait until it finishes",
            index.unique() ? "CREATE UNIQUE INDEX" : "CREATE INDEX", table.qualifiedName(), table.qualifiedName())
        .lock(MeasuredCases.get("create-index").on(table.qualifiedName()))
        .rewrite(Rewrite.of(index.ifNotExists()
                ? "Build the index with CONCURRENTLY, outside a transaction block: it takes SHARE UPDATE EXCLUSIVE, "
                    + "which lets reads and writes continue. If the build fails it leaves an INVALID index: drop it "
                    + "and run the build again (IF NOT EXISTS would skip the invalid index)"
                : "Build the index with CONCURRENTLY, outside a transaction block: it takes SHARE UPDATE EXCLUSIVE, "
                    + "which lets reads and writes continue. If the build fails it leaves an INVALID index: drop it "
                    + "and run the build again",
            new Rewrite.Step(ToolSteps.outsideTransaction(context), concurrent + ";"),
            new Rewrite.Step("only if the build failed, then retry", "DROP INDEX CONCURRENTLY IF EXISTS "
                + indexName(index, table) + ";")))
        .fix(Fix.of("Add CONCURRENTLY", level, TextEdit.insert(indexKeywordEnd, " CONCURRENTLY")));
    if (Relocations.possible(statement, context)) {
      String name = indexName(index, table);
      finding.relocate(Relocations.move(statement, "Build the index CONCURRENTLY in a migration of its own",
          concurrent + ";", true, index.name() != null ? index.name() : index.defaultName(),
          "DROP INDEX CONCURRENTLY IF EXISTS " + name + ";",
          Relocations.slug(index.name() != null ? index.name() : index.defaultName(), "concurrently")));
    }
  }

  /** The index lives in its table's schema; an unnamed one gets PostgreSQL's generated name. */
  private static String indexName(CreateIndex index, RangeVar table) {
    String name = Identifiers.quote(index.name() != null ? index.name() : index.defaultName());
    return table.schema() != null ? Identifiers.quote(table.schema()) + "." + name : name;
  }
}
