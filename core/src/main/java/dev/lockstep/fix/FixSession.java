package dev.lockstep.fix;

import dev.lockstep.i18n.Text;
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
  public record Outcome(String text, int rounds, Text refused) {
    public boolean changed(String original) {
      return refused == null && !text.equals(original);
    }
  }

  private FixSession() {}

  /** {@code lint} lints a version of the file's text. */
  public static Outcome run(SourceFile source, Applicability level, Function<SourceFile, ? extends LintPass> lint) {
    LintPass first = lint.apply(source);
    if (!first.syntaxErrors().isEmpty()) {
      return new Outcome(source.text(), 0, Text.of("it does not parse (%s at %s); left untouched",
          Text.of(first.syntaxErrors().get(0).message()), source.position(first.syntaxErrors().get(0).offset()).toString()));
    }
    String text = source.text();
    LintPass result = first;
    for (int round = 1; round <= MAX_ROUNDS; round++) {
      String next = Fixer.apply(text, result.findings(), level); // inserted line breaks follow their line's
      if (next.equals(text)) return new Outcome(text, round - 1, null);
      SourceFile fixed = SourceFile.of(source.path(), next);
      result = lint.apply(fixed);
      if (!result.syntaxErrors().isEmpty()) {
        return new Outcome(source.text(), round, Text.of("a fix produced SQL that does not parse (%s); left untouched",
            Text.of(result.syntaxErrors().get(0).message())));
      }
      text = next;
    }
    return new Outcome(source.text(), MAX_ROUNDS, Text.of("fixes did not settle after %s rounds; left untouched", MAX_ROUNDS));
  }

  /** The ending most lines of a file have (CRLF, a lone CR, else LF), for the files a split creates. */
  public static String lineEnding(String text) {
    int crlf = 0;
    int cr = 0;
    int lf = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        crlf++;
        i++;
      } else if (c == '\r') {
        cr++;
      } else if (c == '\n') {
        lf++;
      }
    }
    if (crlf > lf && crlf >= cr) return "\r\n";
    return cr > lf ? "\r" : "\n";
  }

  /** A new file's text (written with LF) with the given line ending. */
  public static String withLineEnding(String text, String eol) {
    return LineEndings.adapt(text, eol);
  }
}
