package dev.lockstep.report;

import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LockFacts;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Severity;
import dev.lockstep.engine.SuppressedFinding;
import dev.lockstep.fix.Fix;
import dev.lockstep.i18n.Catalog;
import dev.lockstep.i18n.Language;
import dev.lockstep.i18n.Text;
import dev.lockstep.input.InputProblem;
import dev.lockstep.parse.SyntaxError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A report with every finding's words in one language: the message, the rewrite's explanation, its
 * step labels and the {@code --} comments in its SQL, fix titles, and input problems. Formats then
 * write the report as they always do; SQL, identifiers and rule ids are untouched.
 */
public final class Localized {
  /** A trailing SQL comment: the words after "-- " to the end of the line. */
  private static final Pattern SQL_COMMENT = Pattern.compile("(--\\s+)(\\S.*?)\\s*$", Pattern.MULTILINE);

  private static final Pattern PARSER_NEAR = Pattern.compile("(.+) at or near \"(.*)\"", Pattern.DOTALL);
  private static final Pattern PARSER_END = Pattern.compile("(.+) at end of input", Pattern.DOTALL);

  /** The reason preflight gives a migration its tool's history table records as applied. */
  private static final Pattern ALREADY_APPLIED = Pattern.compile("already applied \\((.*)\\)");

  private Localized() {}

  public static LintReport report(LintReport report, Catalog catalog) {
    if (catalog.language() == Language.EN) return report;
    List<FileResult> files = new ArrayList<>();
    for (FileResult f : report.files()) {
      List<SuppressedFinding> suppressed = new ArrayList<>();
      for (SuppressedFinding s : f.suppressed()) suppressed.add(new SuppressedFinding(finding(s.finding(), catalog), s.suppression()));
      List<SyntaxError> errors = f.syntaxErrors().stream()
          .map(e -> new SyntaxError(Text.of(parserText(e.text(), catalog)), e.offset(), e.statement(), e.stoppedParsing())).toList();
      FileResult.Detected detected = f.detected() == null ? null : new FileResult.Detected(
          Text.of(f.detected().evidence().in(catalog)), f.detected().notes().stream().map(n -> Text.of(n.in(catalog))).toList());
      files.add(new FileResult(f.source(), f.findings().stream().map(x -> finding(x, catalog)).toList(), suppressed,
          errors, f.framework(), detected));
    }
    List<InputProblem> problems = report.problems().stream()
        .map(p -> new InputProblem(p.path(), p.at(), Text.of(parserText(p.text(), catalog)))).toList();
    List<LintReport.Skipped> skipped = report.skipped().stream()
        .map(x -> new LintReport.Skipped(x.path(), skipReason(x.reason(), catalog))).toList();
    return new LintReport(files, problems, skipped, report.pgVersion(), report.baselined(), report.config());
  }

  /** Why a file was not linted ("down migration", "already applied (flyway_schema_history)"), in the catalogue's language. */
  public static String skipReason(String reason, Catalog catalog) {
    Matcher applied = ALREADY_APPLIED.matcher(reason);
    return applied.matches() ? catalog.format("already applied (%s)", applied.group(1)) : catalog.translate(reason);
  }

  /** "path:line:col: reason" of an input problem, in the catalogue's language. */
  public static String problem(InputProblem p, Catalog catalog) {
    return p.where() + ": " + parserText(p.text(), catalog);
  }

  /**
   * A syntax error's text in the catalogue's language: lockstep's words from the catalogue, and
   * PostgreSQL's own (a text without arguments) through {@link #parserMessage}.
   */
  public static String parserText(Text text, Catalog catalog) {
    if (text.args().isEmpty()) return parserMessage(text.template(), catalog);
    Object[] values = new Object[text.args().size()];
    for (int i = 0; i < values.length; i++) {
      Object a = text.args().get(i);
      values[i] = a instanceof Text t ? parserText(t, catalog) : a;
    }
    return String.format(java.util.Locale.ROOT, catalog.translate(text.template()), values);
  }

  /**
   * A message of PostgreSQL's parser in PostgreSQL's own translation where it has one (its Spanish
   * catalogue: "error de sintaxis en o cerca de «X»"): the error, and where it is.
   */
  static String parserMessage(String message, Catalog catalog) {
    Matcher near = PARSER_NEAR.matcher(message);
    if (near.matches()) return catalog.format("%s at or near \"%s\"", catalog.translate(near.group(1)), near.group(2));
    Matcher end = PARSER_END.matcher(message);
    if (end.matches()) return catalog.format("%s at end of input", catalog.translate(end.group(1)));
    return catalog.translate(message);
  }

  public static Finding finding(Finding f, Catalog catalog) {
    List<Fix> fixes = f.fixes().stream()
        .map(x -> new Fix(catalog.translate(x.title()), x.applicability(), x.edits())).toList();
    return new Finding(f.ruleId(), f.severity(), f.path(), f.span(), f.start(), f.end(), Text.of(f.text().in(catalog)),
        f.lock(), rewrite(f.rewrite(), catalog), fixes, f.relocation());
  }

  public static Rewrite rewrite(Rewrite r, Catalog catalog) {
    if (r == null) return null;
    List<Rewrite.Step> steps = new ArrayList<>();
    for (Rewrite.Step s : r.steps()) steps.add(new Rewrite.Step(Text.of(s.label().in(catalog)), sql(s.sql(), catalog)));
    return new Rewrite(Text.of(r.explanation().in(catalog)), steps);
  }

  /** SQL with each trailing comment that the catalogue knows in the catalogue's language. */
  public static String sql(String sql, Catalog catalog) {
    Matcher m = SQL_COMMENT.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String words = m.group(2);
      m.appendReplacement(out, Matcher.quoteReplacement(catalog.has(words) ? m.group(1) + catalog.translate(words) : m.group()));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** A relation as lock facts name it: the user's name, or words for one the statement does not name. */
  static String relation(String relation, Catalog catalog) {
    switch (relation) {
      case "each referenced table": return catalog.translate("each referenced table");
      case "each table": return catalog.translate("each table");
      case "every previously clustered table": return catalog.translate("every previously clustered table");
      case "the tables it reads": return catalog.translate("the tables it reads");
      default: break;
    }
    if (relation.startsWith("the table of ")) return catalog.format("the table of %s", relation.substring("the table of ".length()));
    return relation;
  }

  /** The severity's word in text output. */
  public static String severity(Severity severity, Catalog catalog) {
    return switch (severity) {
      case ERROR -> catalog.translate("error");
      case WARNING -> catalog.translate("warning");
      case HINT -> catalog.translate("hint");
    };
  }

  /** "lock: SHARE on orders; blocks writes ..." without the "lock: " label. */
  public static String lockLine(LockFacts lock, Catalog catalog) {
    List<String> relations = new ArrayList<>();
    for (LockFacts.RelationLock l : lock.locks()) relations.add(catalog.format("%s on %s", l.mode().sql(), relation(l.relation(), catalog)));
    String blocks;
    if (lock.blocksReads() && lock.blocksWrites()) blocks = catalog.translate("blocks reads and writes");
    else if (lock.blocksWrites()) blocks = catalog.translate("blocks writes (INSERT, UPDATE, DELETE); reads continue");
    else if (lock.blocksReads()) blocks = catalog.translate("blocks reads");
    else blocks = catalog.translate("blocks neither reads nor writes");
    String line = String.join(", ", relations) + "; " + blocks;
    if (lock.rewritesTable()) line += "; " + catalog.translate("rewrites the whole table and its indexes while holding the lock");
    else if (lock.scansTable()) line += "; " + catalog.translate("scans the whole table while holding the lock");
    return line;
  }
}
