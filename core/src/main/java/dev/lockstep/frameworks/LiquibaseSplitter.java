package dev.lockstep.frameworks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where Liquibase 4.x cuts a formatted-SQL changeset into the statements it sends one by one
 * (splitStatements:true, its default). Liquibase does not read SQL as PostgreSQL does: it tokenizes
 * the text with its own simple grammar (strings, quoted names, comments, words, single symbols; a
 * dollar quote is no token of its own, {@code $$} and {@code $fn$} are words) and cuts at every
 * {@code ;} (or at GO or / alone at the start of a line) outside a BEGIN ... END block, counting
 * BEGIN up and any END down. So a plpgsql body whose BEGIN ... END holds an {@code END IF;} or
 * {@code END LOOP;}, or a SQL-language body with a {@code ;}, is cut inside its dollar quote. With
 * an endDelimiter, only that delimiter cuts. Checked against liquibase-core 4.33
 * (dev.lockstep.tools.ToolRunsOnPostgresTest); source: liquibase.util.StringUtil.processMultiLineSQL.
 */
public final class LiquibaseSplitter {
  /** A place Liquibase cuts: the delimiter token at [start, end). */
  public record Cut(int start, int end) {}

  private static final Pattern WORD = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$#@]*");
  private static final Pattern QUOTED_NAME = Pattern.compile("\"[^\"\\n\\r]+\"");
  private static final Pattern SPACE = Pattern.compile("[\\s\\u00A0\\uFEFF\\u200B\\u2060]+");
  /** A name qualified by dots is one token ({@code t.end} is not END). */
  private static final Pattern MORE_PARTS = Pattern.compile("(?:[\\r\\n ]*\\.[\\r\\n ]*(?:[\\p{L}_$][\\p{L}\\p{N}_$#@]*|\"[^\"\\n\\r]+\"))+");
  /** The prefixes Liquibase's grammar allows before a quoted string (E'...', U&'...' is U then &). */
  private static final Pattern STRING_PREFIX = Pattern.compile("(?:RB|_utf8|[UENRB])?", Pattern.CASE_INSENSITIVE);
  private static final Pattern NUMBER = Pattern.compile("[0-9]+");

  private LiquibaseSplitter() {}

  /**
   * The cuts Liquibase makes in {@code text[start, end)}, a changeset's body.
   *
   * @param endDelimiter the changeset's endDelimiter, or null for Liquibase's default ({@code ;},
   *     and GO or / at the start of a line)
   */
  public static List<Cut> cuts(String text, int start, int end, String endDelimiter) {
    List<Token> tokens = merge(tokens(text, start, end), endDelimiter);
    List<Cut> out = new ArrayList<>();
    int depth = 0;
    String previous = null;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      String next = null;
      for (int j = i + 1; j < tokens.size() && next == null; j++) {
        if (!tokens.get(j).text().isBlank()) next = tokens.get(j).text().strip();
      }
      if (t.text().equalsIgnoreCase("BEGIN") && !oneOf(next, "transaction", "trans", "tran", "dialog", "conversation",
          "distributed")) {
        depth++;
      }
      if (t.text().equalsIgnoreCase("END") && depth > 0 && !oneOf(next, "transaction", "trans", "tran")) depth--;
      if (depth == 0 && delimiter(t.text(), previous, endDelimiter)) out.add(new Cut(t.start(), t.end()));
      previous = t.text();
    }
    return out;
  }

  private static boolean oneOf(String word, String... words) {
    for (String w : words) if (w.equalsIgnoreCase(word)) return true;
    return false;
  }

  private static boolean delimiter(String piece, String previous, String endDelimiter) {
    boolean lineStart = previous == null || previous.endsWith("\n");
    if (endDelimiter == null) {
      return piece.equals(";") || (piece.equalsIgnoreCase("go") || piece.equals("/")) && lineStart;
    }
    if (endDelimiter.length() == 1) {
      if (endDelimiter.equals("/") && !lineStart) return false; // a / elsewhere divides
      return piece.equalsIgnoreCase(endDelimiter);
    }
    return piece.equalsIgnoreCase(endDelimiter);
  }

  private record Token(int start, int end, String text) {}

  /** Liquibase's tokens of the text, whitespace and comments included. */
  private static List<Token> tokens(String text, int start, int end) {
    List<Token> out = new ArrayList<>();
    int i = start;
    while (i < end) {
      int stop = tokenEnd(text, i, end);
      out.add(new Token(i, stop, text.substring(i, stop)));
      i = stop;
    }
    return out;
  }

  private static int tokenEnd(String text, int i, int end) {
    if (text.startsWith("--", i)) {
      int nl = text.indexOf('\n', i);
      int cr = text.indexOf('\r', i);
      int stop = nl < 0 ? end : nl;
      if (cr >= 0 && cr < stop) stop = cr;
      return Math.min(stop, end);
    }
    if (text.startsWith("/*", i)) {
      int close = text.indexOf("*/", i + 2);
      if (close >= 0 && close + 2 <= end) return close + 2;
    }
    int longest = Math.max(match(SPACE, text, i, end), match(NUMBER, text, i, end));
    int quote = match(STRING_PREFIX, text, i, end);
    if (quote < end && (text.charAt(quote) == '\'' || text.charAt(quote) == '"')) {
      longest = Math.max(longest, quoted(text, quote, end));
    }
    int word = Math.max(match(WORD, text, i, end), match(QUOTED_NAME, text, i, end));
    if (word > i) word = Math.max(word, match(MORE_PARTS, text, word, end));
    longest = Math.max(longest, word);
    return longest > i ? longest : i + Character.charCount(text.codePointAt(i));
  }

  /**
   * The end of the quoted string opening at {@code open}, or {@code open} when it does not close: a
   * doubled quote or a backslash and any character continue it, and of the places it may end (the
   * quote, or a backslash and the quote) the last wins, as in Liquibase's longest-match lexer.
   */
  private static int quoted(String text, int open, int end) {
    char q = text.charAt(open);
    int last = open;
    int i = open + 1;
    while (i < end) {
      char c = text.charAt(i);
      if (c == '\\') {
        if (i + 1 < end && text.charAt(i + 1) == q) last = i + 2; // \' may end it, or go on as an escape
        i += 2;
      } else if (c == q) {
        if (i + 1 < end && text.charAt(i + 1) == q) {
          i += 2;
          continue;
        }
        return i + 1;
      } else {
        i++;
      }
    }
    return last;
  }

  /** The end of {@code pattern}'s match at {@code i}, or {@code i}. */
  private static int match(Pattern pattern, String text, int i, int end) {
    Matcher m = pattern.matcher(text).region(i, end);
    return m.lookingAt() ? m.end() : i;
  }

  /** A delimiter of several characters ({@code //}) made of several tokens is one token again. */
  private static List<Token> merge(List<Token> tokens, String endDelimiter) {
    if (endDelimiter == null) return tokens;
    String delimiter = endDelimiter.toLowerCase(Locale.ROOT);
    List<Token> out = new ArrayList<>();
    List<Token> pending = new ArrayList<>();
    for (Token t : tokens) {
      if (pending.isEmpty()) {
        if (delimiter.startsWith(t.text().toLowerCase(Locale.ROOT))) pending.add(t);
        else out.add(t);
        continue;
      }
      String joined = text(pending) + t.text();
      if (delimiter.equals(joined.toLowerCase(Locale.ROOT))) {
        out.add(new Token(pending.get(0).start(), t.end(), joined));
        pending.clear();
      } else if (delimiter.startsWith(joined.toLowerCase(Locale.ROOT))) {
        pending.add(t);
      } else {
        out.addAll(pending);
        out.add(t);
        pending.clear();
      }
    }
    out.addAll(pending);
    return out;
  }

  private static String text(List<Token> tokens) {
    StringBuilder b = new StringBuilder();
    for (Token t : tokens) b.append(t.text());
    return b.toString();
  }
}
