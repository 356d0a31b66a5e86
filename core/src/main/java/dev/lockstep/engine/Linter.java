package dev.lockstep.engine;

import dev.lockstep.i18n.Text;
import dev.lockstep.parse.ParsedFile;
import dev.lockstep.parse.SqlParser;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.SyntaxError;
import dev.lockstep.source.Position;
import dev.lockstep.source.SourceFile;
import dev.lockstep.source.Span;
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

  /**
   * Replays earlier migrations, in the order the tool applies them, into a schema model for
   * {@link #lint(SourceFile, TransactionPlan, SchemaModel)}. No rule runs and nothing is reported;
   * statements that do not parse are listed in {@link SchemaModel#problems()} (what they would have
   * done is missing: verdicts that need it fall back to the file alone). The model is frozen:
   * immutable, shareable between threads, and reusable for any number of lints; it depends only on
   * the texts, plans and pending flags given, so it may be cached by their content.
   */
  public SchemaModel replay(List<ReplayedMigration> earlier) {
    return replay(SchemaModel.empty(), earlier);
  }

  /** Replays {@code earlier} on top of {@code start} (e.g. a cached model of a shorter prefix of the history). */
  public SchemaModel replay(SchemaModel start, List<ReplayedMigration> earlier) {
    SchemaModel model = start.copy();
    SchemaEffects effects = new SchemaEffects(model);
    for (ReplayedMigration m : earlier) {
      if (Thread.currentThread().isInterrupted()) { // past the deadline: the lint that follows says so
        model.addProblem(new ReplayProblem(m.source().path(), 1, 1, Text.of("not replayed: the file took longer than max-parse-time")));
        break;
      }
      ParsedFile file;
      try {
        file = parser.parse(m.source());
      } catch (RuntimeException e) { // a file the parser cannot take is missing from the model, not a crash
        model.addProblem(new ReplayProblem(m.source().path(), 1, 1, Text.of("not replayed: %s", String.valueOf(e.getMessage()))));
        continue;
      }
      apply(model, effects, file, m.source().path(), m.pending());
    }
    return model.freeze();
  }

  /**
   * Replays one earlier migration that is already parsed (a file this run linted, whose successor
   * is linted too) on top of {@code start}: the same model as {@link #replay(SchemaModel, List)}
   * gives, without parsing the file a second time.
   *
   * @param path the migration's path as the history names it (origins point there)
   */
  public SchemaModel replay(SchemaModel start, ParsedFile file, String path, boolean pending) {
    SchemaModel model = start.copy();
    apply(model, new SchemaEffects(model), file, path, pending);
    return model.freeze();
  }

  private static void apply(SchemaModel model, SchemaEffects effects, ParsedFile file, String path, boolean pending) {
    model.newSession();
    for (SyntaxError e : file.errors()) {
      Position at = file.source().position(e.offset());
      model.addProblem(new ReplayProblem(path, at.line(), at.column(), e.text()));
    }
    for (Statement s : file.statements()) {
      effects.apply(s, new Origin(path, s.start().line(), s.index(), true, pending), pending);
    }
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
    return lint(file, plan, SchemaModel.empty());
  }

  /**
   * Lints a file that runs after the migrations that left the schema {@code before} (see
   * {@link #replay}): objects they created are known, new or live as the history says.
   */
  public FileResult lint(SourceFile source, TransactionPlan plan, SchemaModel before) {
    return lint(parser.parse(source), plan, before);
  }

  public FileResult lint(ParsedFile file, TransactionPlan plan, SchemaModel before) {
    MigrationContext context = new MigrationContext(file, options, plan, before);
    Findings out = new Findings(file.source());
    int stoppedAt = -1; // where the deadline stopped the rules, or -1 when every statement was checked
    for (Statement statement : file.statements()) {
      if (Thread.currentThread().isInterrupted()) {
        stoppedAt = statement.span().start();
        break;
      }
      for (Rule rule : rules) rule.check(statement, context, out);
      context.advance(statement);
    }
    // the whole file's rules judge all of it: after a stop they would judge a part as the whole
    boolean whole = stoppedAt < 0 && file.errors().stream().noneMatch(SyntaxError::stoppedParsing);
    if (whole) for (Rule rule : rules) rule.checkFile(context, out);
    Findings meta = new Findings(file.source());
    Suppressions.Outcome outcome = Suppressions.apply(file, out.toList(), meta, running, knownIds, options.requireSuppressionReason());
    List<Finding> findings = new java.util.ArrayList<>();
    for (Finding f : outcome.kept()) findings.add(withConfiguredSeverity(f));
    for (Finding f : meta.toList()) {
      // a suppression past the stop was not used because its statement was not checked, not because it is stale
      if (stoppedAt < 0 || f.span().start() < stoppedAt) findings.add(withConfiguredSeverity(f));
    }
    findings.sort(ORDER);
    List<SyntaxError> errors = file.errors();
    if (stoppedAt >= 0) {
      errors = new java.util.ArrayList<>(errors);
      errors.add(SyntaxError.rulesStopped(stoppedAt, new Span(stoppedAt, file.source().text().length())));
      errors.sort(Comparator.comparingInt(SyntaxError::offset));
    }
    return new FileResult(file.source(), findings, outcome.suppressed(), errors, null);
  }
}
