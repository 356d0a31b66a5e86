package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.AlterDomain;
import dev.lockstep.parse.ast.Constraint;
import dev.lockstep.rules.support.MeasuredCases;
import dev.lockstep.rules.support.Sql;
import java.util.ArrayList;
import java.util.List;

@RuleInfo(id = "ban-alter-domain-add-constraint",
    title = "ALTER DOMAIN ADD CONSTRAINT checks every column of that domain in every table",
    severity = Severity.ERROR)
public final class BanAlterDomainAddConstraint implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (!(statement.node() instanceof AlterDomain alter)) return;
    Constraint c = alter.addedConstraint().orElse(null);
    if (c == null || c.notValid()) return;
    List<String> parts = new ArrayList<>();
    for (String part : alter.typeName()) parts.add(Sql.quote(part));
    String domain = String.join(".", parts);
    String name = c.name() == null ? null : Sql.quote(c.name());
    var finding = out.report(this, statement)
        .message("ALTER DOMAIN %s ADD CONSTRAINT scans every table with a column of type %s, holding a SHARE lock on each: "
            + "writes to all of them wait until every row is checked", domain, domain)
        .lock(MeasuredCases.get("alter-domain-add-check").on("each table using " + domain));
    if (name == null) {
      finding.rewrite(Rewrite.of("Name the constraint, add it NOT VALID (new values are checked from then on), and "
          + "VALIDATE it in a separate transaction"));
      return;
    }
    finding.rewrite(Rewrite.of("Add the constraint NOT VALID (new values are checked from then on), then VALIDATE it in a "
            + "separate transaction. Unlike a table's VALIDATE, a domain's still holds SHARE on each table using the domain "
            + "while it scans, so writes to them wait: run it when that is acceptable, or put NOT VALID CHECK constraints "
            + "on the columns instead, whose VALIDATE lets writes go on",
        new Rewrite.Step("its own transaction", statement.text() + " NOT VALID;"),
        new Rewrite.Step("a separate transaction; writes to the tables using the domain wait during its scan (SHARE)",
            "ALTER DOMAIN " + domain + " VALIDATE CONSTRAINT " + name + ";")));
  }
}
