package dev.lockstep.frameworks;

import dev.lockstep.i18n.Text;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Flyway settings of a Gradle build ({@code build.gradle} or {@code build.gradle.kts}): the
 * literal values assigned in its {@code flyway { }} block to {@code locations}, {@code mixed},
 * {@code configFiles} and {@code pluginConfiguration}'s {@code postgresqlTransactionalLock}. A build
 * script is a program; lockstep does not run it, so a value it computes (a variable, a call, a string
 * with {@code $}) is a note naming file and line, and Flyway's default holds. The project's
 * {@code flyway.*} Gradle properties ({@code gradle.properties}) are read over the block.
 */
final class FlywayGradlePlugin {
  private static final Pattern BLOCK = Pattern.compile("(?<![\\w.])flyway\\s*\\{");
  private static final Pattern ASSIGNMENT = Pattern.compile(
      "(?m)^[ \\t]*(locations|mixed|configFiles|pluginConfiguration)[ \\t]*=[ \\t]*");
  private static final Pattern STRING = Pattern.compile("'([^'\\\\$\\n]*)'|\"([^\"\\\\$\\n]*)\"");
  private static final Pattern LIST = Pattern.compile("(?s)\\A(?:\\[|(?:arrayOf|listOf|mutableListOf)\\s*\\()(.*?)[)\\]]\\s*\\z");
  private static final Pattern LOCK_ENTRY = Pattern.compile(
      "[\"']?postgresqlTransactionalLock[\"']?\\s*(?::|\\bto\\b)\\s*");

  private FlywayGradlePlugin() {}

  /**
   * The values of the build script {@code text}, or null when it has no flyway block; {@code properties}
   * are the project's {@code flyway.*} Gradle properties (gradle.properties), which the plugin reads over the block.
   */
  static FlywayValues read(Path script, String text, FlywayValues properties) {
    String code = withoutComments(text);
    Matcher block = BLOCK.matcher(code);
    if (!block.find()) return properties;
    int end = closing(code, block.end() - 1);
    String body = code.substring(block.end(), end);
    Path base = script.toAbsolutePath().getParent();
    String mixed = null;
    String lock = null;
    List<String> locations = null;
    List<String> configFiles = List.of();
    List<Text> notes = new ArrayList<>();
    Matcher a = ASSIGNMENT.matcher(body);
    while (a.find()) {
      String expression = expression(body, a.end());
      int line = line(code, block.end() + a.start(1));
      String key = a.group(1);
      switch (key) {
        case "mixed" -> {
          mixed = bool(expression);
          if (mixed == null) notes.add(note(script, line, key, expression));
        }
        case "locations", "configFiles" -> {
          List<String> list = strings(expression);
          if (list == null) notes.add(note(script, line, key, expression));
          else if (key.equals("locations")) locations = list;
          else configFiles = list;
        }
        default -> { // pluginConfiguration
          Matcher entry = LOCK_ENTRY.matcher(expression);
          if (!entry.find()) continue;
          String raw = entry(expression, entry.end());
          Matcher literal = STRING.matcher(raw);
          lock = literal.matches() ? unquote(literal) : bool(raw);
          if (lock == null) notes.add(note(script, line, "postgresqlTransactionalLock", raw));
        }
      }
    }
    FlywayValues fromBlock = new FlywayValues(mixed, lock, locations, base, configFiles, notes);
    return properties == null ? fromBlock : properties.over(fromBlock);
  }

  private static Text note(Path script, int line, String key, String expression) {
    String shown = expression.length() > 60 ? expression.substring(0, 57) + "..." : expression;
    return Text.of(FlywayMavenPlugin.COMPUTED, script.getFileName().toString(), line, key, shown.replaceAll("\\s+", " "));
  }

  private static String bool(String expression) {
    return expression.equals("true") || expression.equals("false") ? expression : null;
  }

  /** A literal list of literal strings, or one literal string; null for anything computed. */
  private static List<String> strings(String expression) {
    Matcher one = STRING.matcher(expression);
    if (one.matches()) return List.of(unquote(one));
    Matcher list = LIST.matcher(expression);
    if (!list.matches()) return null;
    List<String> out = new ArrayList<>();
    for (String item : list.group(1).split(",")) {
      if (item.isBlank()) continue;
      Matcher s = STRING.matcher(item.strip());
      if (!s.matches()) return null;
      out.add(unquote(s));
    }
    return out;
  }

  private static String unquote(Matcher string) {
    return string.group(1) != null ? string.group(1) : string.group(2);
  }

  /** The assigned expression: to the end of its line, or to its closing bracket when it opens one. */
  private static String expression(String body, int from) {
    int i = from;
    int depth = 0;
    for (; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\'' || c == '"') {
        int close = body.indexOf(c, i + 1);
        if (close < 0) break;
        i = close;
      } else if (c == '[' || c == '(' || c == '{') {
        depth++;
      } else if (c == ']' || c == ')' || c == '}') {
        if (depth == 0) break;
        depth--;
      } else if ((c == '\n' || c == ';') && depth == 0) {
        break;
      }
    }
    return body.substring(from, i).strip();
  }

  /** A map entry's value: up to the next comma or the map's end, outside brackets and strings. */
  private static String entry(String map, int from) {
    int depth = 0;
    int i = from;
    for (; i < map.length(); i++) {
      char c = map.charAt(i);
      if (c == '\'' || c == '"') {
        int close = map.indexOf(c, i + 1);
        if (close < 0) break;
        i = close;
      } else if (c == '[' || c == '(') {
        depth++;
      } else if ((c == ']' || c == ')') && depth-- == 0 || c == ',' && depth == 0) {
        break;
      }
    }
    return map.substring(from, i).strip();
  }

  /** The index of the brace that closes the one at {@code open} (or the end), skipping strings. */
  private static int closing(String code, int open) {
    int depth = 0;
    for (int i = open; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '\'' || c == '"') {
        int close = code.indexOf(c, i + 1);
        if (close < 0) return code.length();
        i = close;
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    return code.length();
  }

  /** {@code text} with its comments blanked (line breaks kept, so lines still count), strings left as they are. */
  static String withoutComments(String text) {
    char[] out = text.toCharArray();
    for (int i = 0; i < out.length; i++) {
      char c = out[i];
      if (c == '\'' || c == '"') {
        int close = text.indexOf(c, i + 1);
        if (close < 0) break;
        i = close;
      } else if (c == '/' && i + 1 < out.length && out[i + 1] == '/') {
        while (i < out.length && out[i] != '\n') out[i++] = ' ';
      } else if (c == '/' && i + 1 < out.length && out[i + 1] == '*') {
        int close = text.indexOf("*/", i + 2);
        int stop = close < 0 ? out.length : close + 2;
        for (; i < stop; i++) if (out[i] != '\n') out[i] = ' ';
        i--;
      }
    }
    return new String(out);
  }

  private static int line(String text, int at) {
    int line = 1;
    for (int i = 0; i < at && i < text.length(); i++) if (text.charAt(i) == '\n') line++;
    return line;
  }
}
