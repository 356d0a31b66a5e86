package dev.lockstep.engine;

import dev.lockstep.fix.LintPass;
import dev.lockstep.parse.SyntaxError;
import dev.lockstep.source.SourceFile;
import java.util.List;

/**
 * The outcome of linting one file: its findings, the findings its suppression comments silenced,
 * and the statements PostgreSQL rejected.
 */
public record FileResult(SourceFile source, List<Finding> findings, List<SuppressedFinding> suppressed,
                         List<SyntaxError> syntaxErrors, String framework) implements LintPass {
  public FileResult {
    findings = List.copyOf(findings);
    suppressed = List.copyOf(suppressed);
    syntaxErrors = List.copyOf(syntaxErrors);
  }

  /** The same result, recording which migration tool's rules it was linted under. */
  public FileResult withFramework(String id) {
    return new FileResult(source, findings, suppressed, syntaxErrors, id);
  }

  public String path() {
    return source.path();
  }
}
