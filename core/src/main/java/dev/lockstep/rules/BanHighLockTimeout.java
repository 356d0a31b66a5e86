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
import dev.lockstep.parse.ast.SetKind;
import dev.lockstep.parse.ast.SetVariable;
import dev.lockstep.engine.Durations;
import dev.lockstep.rules.support.RetryAdvice;
import java.util.OptionalLong;

@RuleInfo(id = "ban-high-lock-timeout",
    title = "A lock_timeout that is off or too long does not protect traffic",
    severity = Severity.WARNING, fix = RuleInfo.FixAvailability.SOMETIMES)
public final class BanHighLockTimeout implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (!(statement.node() instanceof SetVariable set) || !"lock_timeout".equals(set.name())
        || set.setKind() != SetKind.SET_VALUE) {
      return;
    }
    if (context.schemaDump()) return; // pg_dump sets lock_timeout = 0 to restore into an empty database
    OptionalLong millis = Durations.millis(set.value());
    long max = context.options().maxLockTimeoutMillis();
    if (millis.isEmpty() || (millis.getAsLong() > 0 && millis.getAsLong() <= max)) return;
    Text what = millis.getAsLong() == 0 ? Text.of("%s turns the timeout off", "lock_timeout = 0")
        : Text.of("%s is longer than %d ms", "lock_timeout = '" + set.value() + "'", max);
    int valueStart = statement.offsetOf(set.valueLocation());
    String valueText = statement.source().text().substring(valueStart, statement.clauseEnd(valueStart));
    var finding = out.report(this, statement)
        .message("%s: a migration waiting that long for its lock makes every query queued behind it wait as long", what)
        .rewrite(Rewrite.of(RetryAdvice.forTool(context.tool()),
            new Rewrite.Step("instead", "SET " + (set.local() ? "LOCAL " : "") + "lock_timeout = '2s';")));
    if (valueText.matches("'[^']*'|\\d+")) {
      finding.fix(Fix.of("Use lock_timeout = '2s'", Applicability.UNSAFE,
          new TextEdit(valueStart, valueStart + valueText.length(), "'2s'")));
    }
  }
}
