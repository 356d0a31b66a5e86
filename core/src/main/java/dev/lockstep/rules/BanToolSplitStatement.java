package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.engine.TransactionPlan;
import dev.lockstep.fix.Applicability;
import dev.lockstep.fix.Fix;
import dev.lockstep.fix.TextEdit;
import dev.lockstep.parse.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleInfo(id = "ban-tool-split-statement",
    title = "The migration tool must not cut a statement in pieces",
    severity = Severity.ERROR, fix = RuleInfo.FixAvailability.SOMETIMES)
public final class BanToolSplitStatement implements Rule {
  private static final Pattern DOLLAR_TAG = Pattern.compile("\\$(?:[A-Za-z_\\x80-\\uFFFF][A-Za-z_0-9\\x80-\\uFFFF]*)?\\$");

  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    List<TransactionPlan.ToolCut> cuts = context.toolCuts(statement);
    if (cuts.isEmpty() || context.tool() != TransactionPlan.Tool.LIQUIBASE) return;
    TransactionPlan.ToolCut cut = cuts.get(0);
    String text = statement.source().text();
    String delimiter = text.substring(cut.start(), cut.end());
    int line = statement.source().position(cut.start()).line();
    var finding = out.report(this, statement);
    if (insideDollarQuote(text, statement.span().start(), cut.start())) {
      finding.message("Liquibase splits a changeset at each %s outside a BEGIN ... END block, and cuts this statement "
          + "at line %s, inside its dollar-quoted body: the changeset fails with \"Unterminated dollar quote\"",
          delimiter, line);
    } else {
      finding.message("Liquibase splits a changeset at each %s outside a BEGIN ... END block, and cuts this statement "
          + "at line %s: PostgreSQL gets it in pieces and the changeset fails", delimiter, line);
    }
    if (cut.optOutAt() < 0) { // a changelog's sqlFile: its settings are in the changelog
      finding.rewrite(Rewrite.of("Set splitStatements=\"false\" on the sqlFile change in the changelog, so that Liquibase "
          + "sends the file as written, or set endDelimiter=\"/\" there and end each statement of the file with / on a line "
          + "of its own"));
      return;
    }
    finding.rewrite(Rewrite.of("Add splitStatements:false to the --changeset line, so that Liquibase sends the changeset "
        + "as written, or set endDelimiter:/ and end each of its statements with / on a line of its own"));
    // in Liquibase's transaction, one call runs the same statements the same way; without it, one call
    // makes them one implicit transaction block
    finding.fix(Fix.of("Add splitStatements:false to the changeset",
        cut.inTransaction() ? Applicability.SAFE : Applicability.UNSAFE,
        TextEdit.insert(cut.optOutAt(), " splitStatements:false")));
  }

  /** A dollar quote opened in {@code text[from, at)} is still open at {@code at}. */
  static boolean insideDollarQuote(String text, int from, int at) {
    int i = from;
    while (i < at) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"') {
        int close = text.indexOf(c, i + 1);
        i = close < 0 ? at : close + 1;
      } else if (text.startsWith("--", i)) {
        int nl = text.indexOf('\n', i);
        i = nl < 0 ? at : nl + 1;
      } else if (text.startsWith("/*", i)) {
        int close = text.indexOf("*/", i + 2);
        i = close < 0 ? at : close + 2;
      } else if (c == '$' && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)) && text.charAt(i - 1) != '_')) {
        Matcher tag = DOLLAR_TAG.matcher(text).region(i, text.length());
        if (!tag.lookingAt()) {
          i++;
          continue;
        }
        int close = text.indexOf(tag.group(), tag.end());
        if (close < 0 || close >= at) return true;
        i = close + tag.group().length();
      } else {
        i++;
      }
    }
    return false;
  }
}
