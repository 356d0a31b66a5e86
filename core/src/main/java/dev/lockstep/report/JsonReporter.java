package dev.lockstep.report;

import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LockFacts;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.SuppressedFinding;
import dev.lockstep.fix.Fix;
import dev.lockstep.fix.TextEdit;
import dev.lockstep.input.InputProblem;
import dev.lockstep.parse.SyntaxError;
import dev.lockstep.source.Position;
import dev.lockstep.source.SourceFile;
import java.io.IOException;

/** Machine-readable output; the schema is docs/json-output.md (schemaVersion 1). */
public final class JsonReporter implements Reporter {
  public static final int SCHEMA_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public void write(LintReport report, Appendable out) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.putObject("tool").put("name", "lockstep").put("version", Version.current());
    root.put("pgVersion", report.pgVersion());
    root.put("filesChecked", report.files().size());
    root.put("baselined", report.baselined());
    root.put("config", report.config());
    ArrayNode files = root.putArray("files");
    for (FileResult file : report.files()) {
      ObjectNode entry = files.addObject().put("path", file.path())
          .put("framework", file.framework() == null ? "plain" : file.framework());
      if (file.detected() != null) {
        entry.put("detectedBy", file.detected().evidence().english());
        ArrayNode notes = entry.putArray("detectionNotes");
        file.detected().notes().forEach(n -> notes.add(n.english()));
      }
    }
    ArrayNode skipped = root.putArray("skipped");
    for (LintReport.Skipped s : report.skipped()) skipped.addObject().put("path", s.path()).put("reason", s.reason());
    ArrayNode findings = root.putArray("findings");
    ArrayNode suppressed = root.putArray("suppressed");
    ArrayNode errors = root.putArray("errors");
    for (InputProblem p : report.problems()) {
      ObjectNode err = errors.addObject().put("kind", "input").put("path", p.path());
      if (p.at() != null) position(err.putObject("start"), p.at());
      err.put("message", p.message());
    }
    for (FileResult file : report.files()) {
      for (SyntaxError e : file.syntaxErrors()) {
        ObjectNode err = errors.addObject().put("kind", "syntax").put("path", file.path());
        position(err.putObject("start"), file.source(), e.offset());
        err.put("message", e.message());
        ObjectNode stmt = err.putObject("statement");
        position(stmt.putObject("start"), file.source(), e.statement().start());
        position(stmt.putObject("end"), file.source(), e.statement().end());
      }
      for (Finding f : file.findings()) findings.add(finding(file.source(), f));
      for (SuppressedFinding s : file.suppressed()) {
        ObjectNode n = finding(file.source(), s.finding());
        n.putObject("suppression").put("kind", s.suppression().wholeFile() ? "file" : "statement")
            .put("reason", s.suppression().reason());
        suppressed.add(n);
      }
    }
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
        .withObjectIndenter(new DefaultIndenter("  ", "\n"));
    out.append(JSON.writer(printer)
        .writeValueAsString(root)).append('\n');
  }

  private static ObjectNode finding(SourceFile source, Finding f) {
    ObjectNode n = JSON.createObjectNode();
    n.put("rule", f.ruleId());
    n.put("severity", f.severity().label());
    n.put("path", f.path());
    position(n.putObject("start"), f.start());
    position(n.putObject("end"), f.end());
    n.put("message", f.message());
    LockFacts lock = f.lock();
    if (lock != null) {
      ObjectNode l = n.putObject("lock");
      ArrayNode locks = l.putArray("relations");
      for (LockFacts.RelationLock r : lock.locks()) locks.addObject().put("relation", r.relation()).put("mode", r.mode().sql());
      l.put("blocksReads", lock.blocksReads());
      l.put("blocksWrites", lock.blocksWrites());
      l.put("rewritesTable", lock.rewritesTable());
      l.put("scansTable", lock.scansTable());
    }
    Rewrite rewrite = f.rewrite();
    if (rewrite != null) {
      ObjectNode r = n.putObject("rewrite");
      r.put("summary", rewrite.summary());
      ArrayNode steps = r.putArray("steps");
      for (Rewrite.Step s : rewrite.steps()) {
        ObjectNode step = steps.addObject().put("runs", s.runs()).put("sql", s.sql());
        if (s.shell()) step.put("shell", true); // a command line, not SQL
      }
    }
    ArrayNode fixes = n.putArray("fixes");
    for (Fix fix : f.fixes()) {
      ObjectNode x = fixes.addObject();
      x.put("title", fix.title());
      x.put("applicability", fix.applicability().name().toLowerCase(java.util.Locale.ROOT));
      ArrayNode edits = x.putArray("edits");
      for (TextEdit e : fix.edits()) {
        ObjectNode edit = edits.addObject();
        position(edit.putObject("start"), source, e.start());
        position(edit.putObject("end"), source, e.end());
        edit.put("text", e.text());
      }
    }
    return n;
  }

  private static void position(ObjectNode n, SourceFile source, int offset) {
    position(n, source.position(offset));
  }

  private static void position(ObjectNode n, Position p) {
    n.put("line", p.line()).put("column", p.column());
  }
}
