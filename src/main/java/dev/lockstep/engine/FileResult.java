package dev.lockstep.engine;

import dev.lockstep.parse.SyntaxError;
import dev.lockstep.source.SourceFile;
import java.util.List;

/**
 * The outcome of linting one file: its findings, the findings its suppression comments silenced,
 * and the statements PostgreSQL rejected.
 */
public record FileResult(SourceFile source, List<Finding> findings, List<SuppressedFinding> suppressed,
                         List<SyntaxError> syntaxErrors) {
  public FileResult {
    findings = List.copyOf(findings);
    suppressed = List.copyOf(suppressed);
    syntaxErrors = List.copyOf(syntaxErrors);
  }

  public String path() {
    return source.path();
  }
}
