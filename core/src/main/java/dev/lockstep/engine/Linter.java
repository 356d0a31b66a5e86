package dev.lockstep.engine;

import dev.lockstep.parse.ParsedFile;
import dev.lockstep.parse.SqlParser;
import dev.lockstep.parse.Statement;
import dev.lockstep.source.SourceFile;
import java.util.Comparator;
import java.util.List;

/** Parses a file and runs every applicable rule on every statement. One per thread. */
public final class Linter {
  private static final Comparator<Finding> ORDER = Comparator
      .comparingInt((Finding f) -> f.span().start())
      .thenComparing(Finding::ruleId);

  private final SqlParser parser;
  private final List<Rule> rules;
  private final LintOptions options;
  private final java.util.Map<String, Rule> running = new java.util.HashMap<>();
  private final java.util.Set<String> knownIds = new java.util.HashSet<>();

  public Linter(List<Rule> rules, LintOptions options) {
    this(rules, options, new SqlParser());
  }

  /** A linter that shares {@code parser} (one per thread) with other linters. */
  public Linter(List<Rule> rules, LintOptions options, SqlParser parser) {
    this.parser = parser;
    this.options = options;
    this.rules = rules.stream()
        .filter(r -> options.runs(r.info()))
        .filter(r -> options.pgVersion() >= r.info().minPgVersion() && options.pgVersion() <= r.info().maxPgVersion())
        .toList();
    for (Rule r : rules) knownIds.add(r.id());
    for (Rule r : this.rules) running.put(r.id(), r);
  }

  private Finding withConfiguredSeverity(Finding f) {
    Severity s = options.severities().get(f.ruleId());
    return s == null || s == f.severity() ? f : f.withSeverity(s);
  }

  public FileResult lint(SourceFile source) {
    return lint(parser.parse(source));
  }

  /** Lints a file that the migration tool runs according to {@code plan}. */
  public FileResult lint(SourceFile source, TransactionPlan plan) {
    return lint(parser.parse(source), plan);
  }

  public FileResult lint(ParsedFile file) {
    return lint(file, TransactionPlan.forOptions(file.source().text().length(), options));
  }

  public FileResult lint(ParsedFile file, TransactionPlan plan) {
    MigrationContext context = new MigrationContext(file, options, plan);
    Findings out = new Findings(file.source());
    for (Statement statement : file.statements()) {
      for (Rule rule : rules) rule.check(statement, context, out);
    }
    Findings meta = new Findings(file.source());
    Suppressions.Outcome outcome = Suppressions.apply(file, out.toList(), meta, running, knownIds, options.requireSuppressionReason());
    List<Finding> findings = new java.util.ArrayList<>();
    for (Finding f : outcome.kept()) findings.add(withConfiguredSeverity(f));
    for (Finding f : meta.toList()) findings.add(withConfiguredSeverity(f));
    findings.sort(ORDER);
    return new FileResult(file.source(), findings, outcome.suppressed(), file.errors(), null);
  }
}
