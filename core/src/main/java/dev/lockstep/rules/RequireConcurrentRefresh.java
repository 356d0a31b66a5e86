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
import dev.lockstep.parse.ast.RefreshMaterializedView;
import dev.lockstep.rules.support.MeasuredCases;
import dev.lockstep.rules.support.Sql;

@RuleInfo(id = "require-concurrent-refresh",
    title = "Refresh materialized views with CONCURRENTLY",
    severity = Severity.WARNING, fix = RuleInfo.FixAvailability.SOMETIMES)
public final class RequireConcurrentRefresh implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (!(statement.node() instanceof RefreshMaterializedView refresh) || refresh.concurrently()) return;
    if (refresh.withNoData()) return; // WITH NO DATA empties the view; CONCURRENTLY cannot do that
    if (context.createdEarlier(refresh.view(), statement)) return;
    String view = refresh.view().qualifiedName();
    out.report(this, statement)
        .message("REFRESH MATERIALIZED VIEW %s takes an ACCESS EXCLUSIVE lock on the view while it reruns the whole "
            + "query: every read of %s waits until the refresh ends", view, view)
        .lock(MeasuredCases.get("refresh-mv").on(view, "the tables it reads"))
        .rewrite(Rewrite.of(Text.of("Refresh with CONCURRENTLY: it takes EXCLUSIVE, which lets reads of the view go on, and "
                + "swaps in the new rows. It needs a unique index on %s on plain columns, without a WHERE clause; "
                + "create one first (CREATE UNIQUE INDEX CONCURRENTLY) if the view has none", view),
            new Rewrite.Step("instead", Sql.insertAfterWord(statement, "VIEW", " CONCURRENTLY") + ";")))
        // CONCURRENTLY fails on a view without a suitable unique index: that needs a human check.
        .fix(Fix.of("Add CONCURRENTLY", Applicability.UNSAFE, TextEdit.insert(statement.endOfWord("VIEW"), " CONCURRENTLY")));
  }
}
