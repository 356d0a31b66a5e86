package dev.lockstep.report;

import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.Severity;
import dev.lockstep.input.InputProblem;
import dev.lockstep.parse.SyntaxError;
import dev.lockstep.source.Position;
import java.util.ArrayList;
import java.util.List;

/**
 * Findings, syntax errors and unreadable inputs as one ordered list of problems with a position,
 * for the formats that only know "a problem at a place".
 */
record ReportItems(List<Item> items) {
  /** One problem: rule id ("syntax-error", "input-error" for the non-findings), severity, place, message. */
  record Item(String ruleId, Severity severity, String path, Position start, Position end, String message,
              Finding finding) {}

  static ReportItems of(LintReport report) {
    List<Item> out = new ArrayList<>();
    for (InputProblem p : report.problems()) {
      Position at = p.at() != null ? p.at() : new Position(1, 1);
      out.add(new Item("input-error", Severity.ERROR, p.path(), at, at, p.message(), null));
    }
    for (FileResult file : report.files()) {
      for (SyntaxError e : file.syntaxErrors()) {
        Position at = file.source().position(e.offset());
        out.add(new Item("syntax-error", Severity.ERROR, file.path(), at, at, e.message(), null));
      }
      for (Finding f : file.findings()) {
        out.add(new Item(f.ruleId(), f.severity(), f.path(), f.start(), f.end(), f.message(), f));
      }
    }
    return new ReportItems(out);
  }
}
