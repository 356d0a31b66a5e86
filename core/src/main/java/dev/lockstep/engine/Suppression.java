package dev.lockstep.engine;

import dev.lockstep.parse.Comment;
import java.util.List;
import java.util.Locale;

/**
 * A {@code -- lockstep-ignore rule-a, rule-b -- reason} comment (on the lines before a statement)
 * or {@code -- lockstep-ignore-file rule-a -- reason} (anywhere in the file).
 */
public record Suppression(Comment comment, boolean wholeFile, List<String> ruleIds, String reason) {
  private static final String STATEMENT = "lockstep-ignore";
  private static final String FILE = "lockstep-ignore-file";

  /** The suppression a comment declares, or null if it is not one. */
  public static Suppression parse(Comment comment) {
    String content = comment.content();
    String lower = content.toLowerCase(Locale.ROOT);
    boolean file = lower.startsWith(FILE);
    if (!file && !lower.startsWith(STATEMENT)) return null;
    String rest = content.substring(file ? FILE.length() : STATEMENT.length());
    if (!rest.isEmpty() && !Character.isWhitespace(rest.charAt(0))) return null; // another word, e.g. lockstep-ignored
    int reasonAt = rest.indexOf("--"); // rule ids never contain "--"
    String ids = (reasonAt < 0 ? rest : rest.substring(0, reasonAt)).strip();
    String reason = reasonAt < 0 ? "" : rest.substring(reasonAt + 2).strip();
    return new Suppression(comment, file, ids.isEmpty() ? List.of() : List.of(ids.split("\\s*,\\s*")), reason);
  }
}
