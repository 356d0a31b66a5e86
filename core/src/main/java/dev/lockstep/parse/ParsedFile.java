package dev.lockstep.parse;

import dev.lockstep.source.SourceFile;
import dev.lockstep.source.Span;
import java.util.ArrayList;
import java.util.List;

/** A migration file split into statements by PostgreSQL's grammar, plus what it rejected. */
public record ParsedFile(SourceFile source, List<Statement> statements, List<SyntaxError> errors) {
  public ParsedFile {
    statements = List.copyOf(statements);
    errors = List.copyOf(errors);
  }

  /** Every comment of the file, in order (comments inside statements included). */
  public List<Comment> comments() {
    List<Comment> out = new ArrayList<>();
    String text = source.parseText();
    SqlLexer lx = new SqlLexer(text, 0, text.length());
    while (lx.next()) {
      if (lx.kind() == SqlLexer.Kind.LINE_COMMENT || lx.kind() == SqlLexer.Kind.BLOCK_COMMENT) {
        out.add(new Comment(new Span(lx.start(), lx.end()), text.substring(lx.start(), lx.end())));
      }
    }
    return out;
  }
}
