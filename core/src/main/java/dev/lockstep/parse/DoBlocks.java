package dev.lockstep.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.parse.ast.DoBlock;
import dev.lockstep.parse.ast.Trees;
import dev.lockstep.parse.wasm.PgQuery;
import dev.lockstep.parse.wasm.RawParse;
import dev.lockstep.source.SourceFile;
import dev.lockstep.source.Span;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the SQL statements a PL/pgSQL DO block (or a function the migration calls) runs, with
 * PostgreSQL's PL/pgSQL parser, and where each one is in the file: the parser reports each
 * statement's text and its line within the body. Static statements and EXECUTE of a constant string
 * are found; statements that cannot be located verbatim (PL/pgSQL rewrites SELECT ... INTO) are left
 * out, and an EXECUTE of a string built at run time is returned as SQL that cannot be checked.
 */
final class DoBlocks {
  /** A statement inside a DO body: its char range in the file, and where its leading comments begin. */
  record Embedded(int start, int end, int commentsFrom) {}

  /**
   * What a body holds: its statements, or, when PL/pgSQL's parser rejects the body, PostgreSQL's
   * message and where in the file it points (the statements are then unknown).
   */
  record Body(List<Embedded> statements, List<DynamicSql> dynamic, String error, int errorAt) {
    static final Body NONE = new Body(List.of(), List.of(), null, -1);
  }

  private DoBlocks() {}

  static Body statements(Statement statement, PgQuery engine) {
    boolean plpgsql = statement.node() instanceof DoBlock block ? "plpgsql".equalsIgnoreCase(block.language())
        : "plpgsql".equalsIgnoreCase(functionLanguage(statement.node().fields()));
    if (!plpgsql) return Body.NONE;
    SourceFile source = statement.source();
    String text = source.parseText();
    int bodyStart = bodyStart(text, statement);
    if (bodyStart < 0) return Body.NONE;
    String doText = text.substring(statement.span().start(), statement.span().end());
    RawParse parsed = engine.parsePlpgsql((doText + ";").getBytes(StandardCharsets.UTF_8));
    if (!parsed.ok()) {
      int cursor = parsed.cursor();
      int at = cursor > 0 && cursor - 1 < doText.codePointCount(0, doText.length())
          ? statement.span().start() + doText.offsetByCodePoints(0, cursor - 1) : statement.span().start();
      return new Body(List.of(), List.of(), parsed.error(), at);
    }
    List<JsonNode[]> found = new ArrayList<>(); // [query, lineno]
    try {
      collect(JsonTrees.readLibpgQuery(parsed.json()), found);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("libpg_query returned invalid JSON", e);
    }
    List<Embedded> out = new ArrayList<>();
    List<DynamicSql> dynamic = new ArrayList<>();
    int searchFrom = bodyStart;
    for (JsonNode[] q : found) {
      String query = q[0].asText();
      int lineStart = lineStart(text, bodyStart, q[1].asInt(1), statement.span().end());
      int at = text.indexOf(query, Math.max(lineStart, searchFrom));
      if (at < 0 || at + query.length() > statement.span().end()) {
        if (q[2] != null) { // not found verbatim: the EXECUTE's line is still known
          int start = SqlLexer.skipTrivia(text, lineStart, statement.span().end());
          dynamic.add(new DynamicSql(new Span(start, Math.max(start, lineEnd(text, start, statement.span().end()))),
              DynamicSql.Kind.BUILT));
        }
        continue;
      }
      int from = at;
      int to = at + query.length();
      if (q[2] != null) { // EXECUTE 'constant SQL': lint the string's contents
        int[] inner = stringContents(query);
        if (inner == null) { // a string built at run time, or a literal with escapes: not checked
          int execute = executeKeyword(text, Math.max(searchFrom, bodyStart), at);
          dynamic.add(new DynamicSql(new Span(execute < 0 ? at : execute, to), constantLiteral(query)
              ? DynamicSql.Kind.ESCAPED_LITERAL : DynamicSql.Kind.BUILT));
          searchFrom = to;
          continue;
        }
        from = at + inner[0];
        to = at + inner[1];
      }
      out.add(new Embedded(from, to, searchFrom));
      searchFrom = at + query.length();
    }
    return new Body(out, dynamic, null, -1);
  }

  /** Where the word EXECUTE before {@code at} (and not before {@code from}) begins, or -1. */
  private static int executeKeyword(String text, int from, int at) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)\\bEXECUTE\\b").matcher(text).region(from, at);
    int found = -1;
    while (m.find()) found = m.start();
    return found;
  }

  /** A single '...' literal with doubled or escaped quotes, or E'...': constant, though lockstep does not read it. */
  private static boolean constantLiteral(String expression) {
    String e = expression.strip();
    if (e.length() > 1 && (e.charAt(0) == 'E' || e.charAt(0) == 'e') && e.charAt(1) == '\'') e = e.substring(1);
    return e.length() >= 2 && e.startsWith("'") && e.endsWith("'")
        && e.substring(1, e.length() - 1).replace("''", "").indexOf('\'') < 0;
  }

  private static int lineEnd(String text, int from, int limit) {
    for (int i = from; i < limit; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') return i;
    }
    return limit;
  }

  /** [start, end) of the contents of a plain '...' or $tag$...$tag$ literal, or null (escapes, concatenation). */
  private static int[] stringContents(String literal) {
    if (literal.length() >= 2 && literal.startsWith("'") && literal.endsWith("'")
        && literal.indexOf('\'', 1) == literal.length() - 1) {
      return new int[] {1, literal.length() - 1};
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\$[A-Za-z_]*\\$)").matcher(literal);
    if (m.find() && literal.length() >= 2 * m.group(1).length() && literal.endsWith(m.group(1))
        && literal.indexOf(m.group(1), m.group(1).length()) == literal.length() - m.group(1).length()) {
      return new int[] {m.group(1).length(), literal.length() - m.group(1).length()};
    }
    return null;
  }

  /** The LANGUAGE of a CREATE FUNCTION / PROCEDURE, or null. */
  static String functionLanguage(JsonNode fields) {
    for (JsonNode option : fields.path("options")) {
      JsonNode def = option.path("DefElem");
      if ("language".equals(def.path("defname").asText())) return def.path("arg").path("String").path("sval").asText();
    }
    return null;
  }

  /**
   * Collects [query, lineno, dynamic-marker] of every SQL statement in a PL/pgSQL tree, in order:
   * static statements, and EXECUTE of a constant string (marker set).
   */
  private static void collect(JsonNode tree, List<JsonNode[]> out) {
    Trees.walk(tree, node -> {
      JsonNode exec = node.get("PLpgSQL_stmt_execsql");
      if (exec != null) {
        out.add(new JsonNode[] {exec.path("sqlstmt").path("PLpgSQL_expr").path("query"), exec.path("lineno"), null});
        return false;
      }
      JsonNode dynamic = node.get("PLpgSQL_stmt_dynexecute");
      if (dynamic != null) {
        out.add(new JsonNode[] {dynamic.path("query").path("PLpgSQL_expr").path("query"), dynamic.path("lineno"),
            dynamic});
        return false;
      }
      return true;
    });
  }

  /** Offset just after the dollar-quote that opens the DO body, or -1. */
  private static int bodyStart(String text, Statement statement) {
    SqlLexer lx = new SqlLexer(text, statement.span().start(), statement.span().end());
    while (lx.next()) {
      if (lx.kind() == SqlLexer.Kind.DOLLAR_STRING) return text.indexOf('$', lx.start() + 1) + 1;
    }
    return -1;
  }

  /** Start of line {@code lineno} of the body (line 1 starts right after the opening quote). */
  private static int lineStart(String text, int bodyStart, int lineno, int limit) {
    int at = bodyStart;
    for (int line = 1; line < lineno && at < limit; line++) {
      int next = nextLineBreak(text, at, limit);
      if (next < 0) return at;
      at = next;
    }
    return at;
  }

  private static int nextLineBreak(String text, int from, int limit) {
    for (int i = from; i < limit; i++) {
      char c = text.charAt(i);
      if (c == '\n') return i + 1;
      if (c == '\r') return i + 1 < limit && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
    }
    return -1;
  }
}
