package dev.lockstep.fix;

import dev.lockstep.source.SourceFile;
import java.util.function.Function;

/**
 * Applies fixes to one file until nothing changes: lint, apply every fix at or above the level that
 * does not overlap another, lint again (bounded rounds). Output keeps the file's line endings; a
 * result that no longer parses is refused.
 */
public final class FixSession {
  static final int MAX_ROUNDS = 8;

  /** The fixed text, or why the file is left alone. */
  public record Outcome(String text, int rounds, String refused) {
    public boolean changed(String original) {
      return refused == null && !text.equals(original);
    }
  }

  private FixSession() {}

  /** {@code lint} lints a version of the file's text. */
  public static Outcome run(SourceFile source, Applicability level, Function<SourceFile, ? extends LintPass> lint) {
    LintPass first = lint.apply(source);
    if (!first.syntaxErrors().isEmpty()) {
      return new Outcome(source.text(), 0, "it does not parse (" + first.syntaxErrors().get(0).message()
          + " at " + source.position(first.syntaxErrors().get(0).offset()) + "); left untouched");
    }
    String eol = lineEnding(source.text());
    String text = source.text();
    LintPass result = first;
    for (int round = 1; round <= MAX_ROUNDS; round++) {
      String next = Fixer.apply(text, result.findings(), level);
      next = withLineEnding(next, eol);
      if (next.equals(text)) return new Outcome(text, round - 1, null);
      SourceFile fixed = SourceFile.of(source.path(), next);
      result = lint.apply(fixed);
      if (!result.syntaxErrors().isEmpty()) {
        return new Outcome(source.text(), round, "a fix produced SQL that does not parse ("
            + result.syntaxErrors().get(0).message() + "); left untouched");
      }
      text = next;
    }
    return new Outcome(source.text(), MAX_ROUNDS, "fixes did not settle after " + MAX_ROUNDS + " rounds; left untouched");
  }

  /** "\r\n" for a CRLF file, else "\n". */
  public static String lineEnding(String text) {
    return text.contains("\r\n") ? "\r\n" : "\n";
  }

  /** Inserted text uses \n: in a CRLF file, write the new line breaks as CRLF too. */
  public static String withLineEnding(String text, String eol) {
    return eol.equals("\n") ? text : text.replace("\r\n", "\n").replace("\n", eol);
  }
}
