package dev.lockstep.rules;

import dev.lockstep.i18n.Text;
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
import dev.lockstep.parse.ast.Reindex;
import dev.lockstep.parse.ast.ReindexKind;
import dev.lockstep.rules.support.MeasuredCases;
import dev.lockstep.rules.support.Relocations;
import dev.lockstep.rules.support.Sql;
import dev.lockstep.rules.support.ToolSteps;
import java.util.Locale;

@RuleInfo(id = "require-concurrent-reindex",
    title = "Rebuild indexes with REINDEX CONCURRENTLY",
    severity = Severity.ERROR, fix = RuleInfo.FixAvailability.SOMETIMES)
public final class RequireConcurrentReindex implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (!(statement.node() instanceof Reindex reindex) || reindex.concurrently()) return;
    String kind = reindex.objectKind().name();
    if (reindex.objectKind() == ReindexKind.SYSTEM) return; // system catalogs cannot be reindexed concurrently at all
    String target = reindex.relation() != null ? reindex.relation().qualifiedName() : Sql.quote(reindex.name());
    String keyword = kind.toLowerCase(Locale.ROOT);
    boolean onIndex = reindex.objectKind() == ReindexKind.INDEX;

    var finding = out.report(this, statement)
        .message(onIndex
            ? "REINDEX %s %s takes a SHARE lock on the table and ACCESS EXCLUSIVE on the index: reads that plan with "
                + "the table's indexes and all writes wait until the rebuild ends"
            : "REINDEX %s %s takes a SHARE lock on the table and ACCESS EXCLUSIVE on every index it rebuilds: reads "
                + "that plan with the table's indexes and all writes wait until the rebuild ends",
            keyword.toUpperCase(Locale.ROOT), target)
        .lock(MeasuredCases.get(onIndex ? "reindex-index" : "reindex-table")
            .on(onIndex ? "the table of " + target : target));
    if (context.pgVersion() < 12) {
      String summary = "REINDEX CONCURRENTLY needs PostgreSQL 12. Before that, build a replacement with CREATE INDEX "
          + "CONCURRENTLY, drop the old index with DROP INDEX CONCURRENTLY, then rename the replacement";
      if (!onIndex) {
        finding.rewrite(Rewrite.of(Text.of("REINDEX CONCURRENTLY needs PostgreSQL 12. Before that, build a replacement "
            + "with CREATE INDEX CONCURRENTLY, drop the old index with DROP INDEX CONCURRENTLY, then rename the "
            + "replacement, for each index of %s", target)));
        return;
      }
      String name = reindex.relation().name();
      String replacement = Sql.inSchemaOf(reindex.relation(), name + "_new");
      finding.rewrite(Rewrite.of(summary,
          new Rewrite.Step("prints the CREATE statement of the replacement; run its output",
              "SELECT replace(pg_get_indexdef('" + target.replace("'", "''") + "'::regclass), 'INDEX "
                  + Sql.quote(name) + " ON', 'INDEX CONCURRENTLY " + Sql.quote(name + "_new") + " ON');"),
          new Rewrite.Step("outside a transaction block, after the replacement is built",
              "DROP INDEX CONCURRENTLY " + target + ";\nALTER INDEX " + replacement + " RENAME TO " + Sql.quote(name) + ";")));
      return;
    }
    String concurrent = Sql.insertAfterWord(statement, kind, " CONCURRENTLY");
    Applicability level = context.inTransaction(statement) ? Applicability.DISPLAY_ONLY : Applicability.SAFE;
    finding.rewrite(Rewrite.of("Rebuild with CONCURRENTLY, outside a transaction block: it takes SHARE UPDATE EXCLUSIVE, "
                + "builds new indexes beside the old ones and swaps them, while reads and writes continue. A failed run "
                + "leaves INVALID indexes named *_ccnew: drop them with DROP INDEX CONCURRENTLY and run it again",
            new Rewrite.Step(ToolSteps.outsideTransaction(context), concurrent + ";")))
        .fix(Fix.of("Add CONCURRENTLY", level, TextEdit.insert(statement.endOfWord(kind), " CONCURRENTLY")));
    // inside the tool's transaction CONCURRENTLY fails: the rebuild moves to a migration run outside one
    if (Relocations.possible(statement, context)) {
      String object = reindex.relation() != null ? reindex.relation().name() : reindex.name();
      finding.relocate(Relocations.move(statement, "Rebuild CONCURRENTLY in a migration of its own",
          concurrent + ";", true, object, null, Relocations.slug("reindex", object, "concurrently")));
    }
  }
}
