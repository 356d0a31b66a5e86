package dev.lockstep.engine;

import dev.lockstep.parse.SyntaxError;
import dev.lockstep.source.SourceFile;
import java.util.List;

/** The outcome of linting one file: its findings and the statements PostgreSQL rejected. */
public record FileResult(SourceFile source, List<Finding> findings, List<SyntaxError> syntaxErrors) {
  public FileResult {
    findings = List.copyOf(findings);
    syntaxErrors = List.copyOf(syntaxErrors);
  }

  public String path() {
    return source.path();
  }
}
