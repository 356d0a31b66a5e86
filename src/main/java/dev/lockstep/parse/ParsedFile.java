package dev.lockstep.parse;

import dev.lockstep.source.SourceFile;
import java.util.List;

/** A migration file split into statements by PostgreSQL's grammar, plus what it rejected. */
public record ParsedFile(SourceFile source, List<Statement> statements, List<SyntaxError> errors) {
  public ParsedFile {
    statements = List.copyOf(statements);
    errors = List.copyOf(errors);
  }
}
