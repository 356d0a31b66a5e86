package dev.lockstep.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.engine.SuppressedFinding;
import dev.lockstep.fix.Fix;
import dev.lockstep.fix.TextEdit;
import dev.lockstep.i18n.Catalog;
import dev.lockstep.rules.RuleDocs;
import dev.lockstep.rules.Rules;
import dev.lockstep.source.Position;
import dev.lockstep.source.SourceFile;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** SARIF 2.1.0: rules metadata, results with regions, fixes and in-source suppressions. */
public final class SarifReporter implements Reporter {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final Catalog catalog;

  public SarifReporter() {
    this(Catalog.ENGLISH);
  }

  public SarifReporter(Catalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public void write(LintReport report, Appendable out) throws IOException {
    report = Localized.report(report, catalog);
    SarifLog log = SarifLog.start(JSON, catalog.language().tag());
    ObjectNode root = log.root();
    ObjectNode run = log.run();
    ArrayNode rules = log.driver().putArray("rules");
    Map<String, Integer> index = new HashMap<>();
    for (Rule rule : Rules.all()) {
      RuleInfo info = rule.info();
      index.put(info.id(), rules.size());
      ObjectNode r = rules.addObject();
      r.put("id", info.id());
      r.put("name", info.id());
      r.putObject("shortDescription").put("text", catalog.translate(info.title()));
      r.put("helpUri", Version.docsUrl() + info.id() + ".md");
      ObjectNode help = r.putObject("help");
      help.put("text", catalog.translate(info.title()) + " (lockstep explain " + info.id() + ")");
      help.put("markdown", RuleDocs.markdown(info.id(), catalog.language()));
      r.putObject("defaultConfiguration").put("level", level(info.severity())).put("enabled", info.enabledByDefault());
    }
    Map<String, String> others = new java.util.LinkedHashMap<>();
    others.put("syntax-error", "PostgreSQL's grammar rejects the statement");
    others.put("input-error", "The file cannot be read as UTF-8 SQL text");
    others.put("trace", "What the statement did on a real server (lockstep trace)");
    others.forEach((id, text) -> {
      index.put(id, rules.size());
      ObjectNode r = rules.addObject();
      r.put("id", id);
      r.put("name", id);
      r.putObject("shortDescription").put("text", catalog.translate(text));
      r.putObject("defaultConfiguration").put("level", id.equals("trace") ? "note" : "error");
    });
    ArrayNode results = run.putArray("results");
    for (ReportItems.Item i : ReportItems.of(report).items()) {
      ObjectNode r = result(results, i.ruleId(), index, i.severity(), i.message(), i.path(), i.start(), i.end());
      if (i.finding() != null) fixes(r, i.finding(), sourceOf(report, i.path()));
    }
    for (FileResult file : report.files()) {
      for (SuppressedFinding s : file.suppressed()) {
        Finding f = s.finding();
        ObjectNode r = result(results, f.ruleId(), index, f.severity(), f.message(), f.path(), f.start(), f.end());
        r.putArray("suppressions").addObject().put("kind", "inSource").put("justification", s.suppression().reason());
      }
    }
    out.append(JSON.writeValueAsString(root)).append('\n');
  }

  private static ObjectNode result(ArrayNode results, String ruleId, Map<String, Integer> index, Severity severity,
                                   String message, String path, Position start, Position end) {
    ObjectNode r = results.addObject();
    r.put("ruleId", ruleId);
    r.put("ruleIndex", index.getOrDefault(ruleId, 0));
    r.put("level", level(severity));
    r.putObject("message").put("text", message);
    ObjectNode physical = r.putArray("locations").addObject().putObject("physicalLocation");
    physical.putObject("artifactLocation").put("uri", uri(path));
    region(physical.putObject("region"), start, end);
    return r;
  }

  private static void fixes(ObjectNode result, Finding f, SourceFile source) {
    if (f.fixes().isEmpty() || source == null) return;
    ArrayNode fixes = result.putArray("fixes");
    for (Fix fix : f.fixes()) {
      ObjectNode x = fixes.addObject();
      x.putObject("description").put("text", fix.title() + " (" + fix.applicability().name().toLowerCase(java.util.Locale.ROOT) + ")");
      ObjectNode change = x.putArray("artifactChanges").addObject();
      change.putObject("artifactLocation").put("uri", uri(f.path()));
      ArrayNode replacements = change.putArray("replacements");
      for (TextEdit e : fix.edits()) {
        ObjectNode rep = replacements.addObject();
        region(rep.putObject("deletedRegion"), source.position(e.start()), source.position(e.end()));
        rep.putObject("insertedContent").put("text", e.text());
      }
    }
  }

  private static void region(ObjectNode region, Position start, Position end) {
    region.put("startLine", start.line()).put("startColumn", start.column())
        .put("endLine", end.line()).put("endColumn", end.column());
  }

  private static SourceFile sourceOf(LintReport report, String path) {
    for (FileResult f : report.files()) if (f.path().equals(path)) return f.source();
    return null;
  }

  private static String level(Severity s) {
    return switch (s) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case HINT -> "note";
    };
  }

  static String uri(String path) {
    return SarifLog.uri(path);
  }
}
