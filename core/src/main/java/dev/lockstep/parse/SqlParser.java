package dev.lockstep.parse;

import dev.lockstep.i18n.Text;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.parse.wasm.LibpgQuery;
import dev.lockstep.parse.wasm.PgQuery;
import dev.lockstep.parse.wasm.RawParse;
import dev.lockstep.parse.wasm.WasmTrap;
import dev.lockstep.source.SourceFile;
import dev.lockstep.source.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Splits a file into statements with PostgreSQL's own grammar (libpg_query) and recovers from
 * syntax errors: the statement holding the error is reported and skipped, and parsing resumes
 * after the next semicolon that PostgreSQL's scanner finds. Not thread-safe; one per thread.
 */
public final class SqlParser {
  /** Wasm memory above which an instance is replaced, so a huge file does not pin its heap. */
  private static final long RECYCLE_ABOVE_BYTES = 256L << 20;

  private final Supplier<? extends PgQuery> factory;
  private PgQuery engine;

  public SqlParser() {
    this(LibpgQuery::create);
  }

  /** A parser whose engine instances come from {@code factory} (a new one after each trap). */
  public SqlParser(Supplier<? extends PgQuery> factory) {
    this.factory = factory;
  }

  public ParsedFile parse(SourceFile source) {
    String blanked = CommentBodies.blank(ConstantRows.blank(source.parseText()));
    FileParse run = new FileParse(blanked == source.parseText() ? source : source.withParseText(blanked));
    java.util.Set<String> called = java.util.Set.of();
    try {
      run.parseRange(0, source.parseText().length());
      called = run.calledFunctions();
    } catch (WasmTrap e) {
      engine = null; // its memory may be inconsistent
      int at = run.resumeAt;
      run.errors.add(new SyntaxError(stopReason(e, false), at, new Span(at, source.text().length())));
    }
    if (engine != null && engine.memoryBytes() > RECYCLE_ABOVE_BYTES) engine = null;
    run.statements.sort((a, b) -> Integer.compare(a.span().start(), b.span().start()));
    run.errors.sort((a, b) -> Integer.compare(a.offset(), b.offset()));
    List<Statement> numbered = new ArrayList<>();
    boolean stopped = run.errors.stream().anyMatch(SyntaxError::stoppedParsing);
    for (Statement s : run.statements) {
      Statement top = s.withIndex(numbered.size(), -1);
      numbered.add(top);
      if (stopped) continue; // past the limit: the rest, embedded statements too, is reported as not checked
      try {
        List<DynamicSql> dynamic = new ArrayList<>();
        List<Statement> inside = embedded(top, called, run.errors, dynamic);
        if (!dynamic.isEmpty()) numbered.set(top.index(), top = top.withDynamicSql(dynamic));
        for (Statement inner : inside) numbered.add(inner.withIndex(numbered.size(), top.index()));
      } catch (WasmTrap e) {
        engine = null; // its memory may be inconsistent
        stopped = true;
        int at = top.span().start();
        run.errors.add(new SyntaxError(stopReason(e, true), at, new Span(at, source.text().length())));
      }
    }
    run.errors.sort((a, b) -> Integer.compare(a.offset(), b.offset()));
    return new ParsedFile(source, numbered, run.errors);
  }

  /** Stops work past the file's deadline (the thread is interrupted) as the wasm parser does. */
  private static void checkDeadline() {
    if (Thread.currentThread().isInterrupted()) throw new WasmTrap(WasmTrap.STOPPED);
  }

  /**
   * The statements a DO block, or a function this file calls, runs, parsed where they stand in the
   * file. A body PL/pgSQL rejects, and a statement in it that does not parse, are syntax errors in
   * {@code errors}: PostgreSQL rejects them when the block runs (or the function is created), and
   * what they would do was not checked. EXECUTEs of strings built at run time go to {@code dynamic}.
   */
  private List<Statement> embedded(Statement statement, java.util.Set<String> called, List<SyntaxError> errors,
                                   List<DynamicSql> dynamic) {
    boolean doBlock = statement.node() instanceof dev.lockstep.parse.ast.DoBlock;
    boolean calledFunction = statement.node().kind().equals("CreateFunctionStmt")
        && called.contains(functionName(statement).toLowerCase(java.util.Locale.ROOT));
    if (!doBlock && !calledFunction) return List.of();
    DoBlocks.Body body = DoBlocks.statements(statement, engine());
    dynamic.addAll(body.dynamic());
    if (body.error() != null) {
      errors.add(new SyntaxError(Text.of("the PL/pgSQL body does not parse: %s", Text.of(body.error())), body.errorAt(),
          statement.span()));
    }
    List<Statement> out = new ArrayList<>();
    for (DoBlocks.Embedded e : body.statements()) {
      FileParse inner = new FileParse(statement.source());
      inner.commentsFrom = e.commentsFrom();
      inner.parseRange(e.start(), e.end());
      out.addAll(inner.statements);
      for (SyntaxError error : inner.errors) {
        errors.add(new SyntaxError(Text.of("a statement in the PL/pgSQL body does not parse: %s", error.text()),
            error.offset(), error.statement()));
      }
    }
    return out;
  }

  /**
   * Why parsing stopped (here, or {@code inBody} inside the statement's body); each template ends in
   * SyntaxError's marker.
   */
  private static Text stopReason(WasmTrap e, boolean inBody) {
    if (WasmTrap.STOPPED.equals(e.getMessage())) {
      return inBody
          ? Text.of("parsing stopped inside this statement's body: the file took longer than max-parse-time; "
              + "the rest of the file was not checked (raise max-parse-time to check it)")
          : Text.of("parsing stopped here: the file took longer than max-parse-time; "
              + "the rest of the file was not checked (raise max-parse-time to check it)");
    }
    return inBody
        ? Text.of("the PostgreSQL parser failed inside this statement's body: %s; the rest of the file was not checked",
            String.valueOf(e.getMessage()))
        : Text.of("the PostgreSQL parser failed here: %s; the rest of the file was not checked", String.valueOf(e.getMessage()));
  }

  private PgQuery engine() {
    if (engine == null) engine = factory.get();
    return engine;
  }

  /** State of parsing one file. Offsets are char offsets into the file's text. */
  private final class FileParse {
    final SourceFile source;
    final String text;
    final List<Statement> statements = new ArrayList<>();
    final List<SyntaxError> errors = new ArrayList<>();
    int resumeAt;
    int commentsFrom; // comments before this offset are already attached

    FileParse(SourceFile source) {
      this.source = source;
      this.text = source.parseText();
    }

    void parseRange(int from, int to) {
      while (from < to && SqlLexer.skipTrivia(text, from, to) < to) {
        resumeAt = from;
        RawParse result = engine().parse(bytes(from, to));
        if (result.ok()) {
          addStatements(result.json(), from, to);
          return;
        }
        int error = cursorOffset(from, to, result.cursor());
        int stmtStart = statementStartBefore(from, error);
        int semicolon = semicolonFrom(error, to, result.error());
        int stmtEnd = semicolon < 0 ? to : semicolon;
        if (stmtStart > from) parseRange(from, stmtStart);
        int start = SqlLexer.skipTrivia(text, stmtStart, stmtEnd);
        // An unterminated comment is itself the trivia skipped to the end: point where it starts.
        if (result.error().startsWith("unterminated /* comment")) start = Math.min(error, start);
        int end = Math.max(start, SqlLexer.endOfLastToken(text, start, stmtEnd));
        errors.add(SyntaxError.postgres(result.error(), Math.min(Math.max(error, start), to), new Span(start, end)));
        commentsFrom = end;
        from = semicolon < 0 ? to : semicolon + 1;
      }
    }

    byte[] bytes(int from, int to) {
      byte[] all = source.utf8();
      return Arrays.copyOfRange(all, source.byteOffsetOfChar(from), source.byteOffsetOfChar(to));
    }

    /** PostgreSQL's cursor is a 1-based character (code point) position in the parsed text. */
    int cursorOffset(int from, int to, int cursor) {
      if (cursor <= 1) return from;
      int available = text.codePointCount(from, to);
      return cursor - 1 >= available ? to : text.offsetByCodePoints(from, cursor - 1);
    }

    /** Start of the statement holding the error: just after the last semicolon before it. */
    int statementStartBefore(int from, int error) {
      int last = -1;
      for (int semi : semicolons(from, error)) last = semi;
      return last < 0 ? from : last + 1;
    }

    /** The first semicolon at or after the error (-1 if none), per PostgreSQL's scanner. */
    int semicolonFrom(int error, int to, String message) {
      if (message.startsWith("unterminated")) return -1; // the literal runs to the end
      List<Integer> found = semicolons(error, to);
      return found.isEmpty() ? -1 : found.get(0);
    }

    /** Char offsets of the semicolon tokens in [from, to). */
    List<Integer> semicolons(int from, int to) {
      List<Integer> out = new ArrayList<>();
      if (from >= to) return out;
      RawParse scan = engine().scan(bytes(from, to));
      if (!scan.ok()) {
        // PostgreSQL's scanner stops at an unterminated literal without saying where; find the
        // boundaries psql would, which agree with the scanner up to that literal.
        int at = from;
        while (true) {
          int semi = SqlLexer.nextSemicolon(text, at, to);
          if (semi < 0) return out;
          out.add(semi);
          at = semi + 1;
        }
      }
      int base = source.byteOffsetOfChar(from);
      for (JsonNode token : readJson(scan.json()).path("tokens")) {
        if (";".equals(token.path("text").asText())) {
          out.add(source.charOffsetOfByte(base + token.path("start").asInt()));
        }
      }
      return out;
    }

    void addStatements(String json, int from, int to) {
      int base = source.byteOffsetOfChar(from);
      int endByte = source.byteOffsetOfChar(to);
      for (JsonNode raw : readParseTree(json).path("stmts")) {
        int startByte = base + raw.path("stmt_location").asInt(0);
        int len = raw.path("stmt_len").asInt(0);
        int stopByte = len == 0 ? endByte : startByte + len; // 0: the statement runs to the end
        int start = SqlLexer.skipTrivia(text, source.charOffsetOfByte(startByte), source.charOffsetOfByte(stopByte));
        int end = Math.max(start, SqlLexer.endOfLastToken(text, start, source.charOffsetOfByte(stopByte)));
        statements.add(new Statement(source, 0, new Span(start, end), base, raw.path("stmt"),
            commentsBetween(commentsFrom, start)));
        commentsFrom = end;
      }
    }

    /**
     * Names of functions and procedures the file calls with a top-level SELECT or CALL: a name
     * token followed by an opening parenthesis (comments and spaces between allowed).
     */
    java.util.Set<String> calledFunctions() {
      java.util.Set<String> out = new java.util.HashSet<>();
      for (Statement s : statements) {
        String kind = s.node().kind();
        if (!kind.equals("SelectStmt") && !kind.equals("CallStmt")) continue;
        resumeAt = s.span().start();
        checkDeadline();
        SqlLexer lx = new SqlLexer(text, s.span().start(), s.span().end());
        String name = null;
        while (lx.next()) {
          if (lx.isTrivia()) continue;
          if (name != null && lx.kind() == SqlLexer.Kind.OTHER && text.charAt(lx.start()) == '(') out.add(name);
          name = switch (lx.kind()) {
            case WORD -> text.substring(lx.start(), lx.end()).toLowerCase(java.util.Locale.ROOT);
            case QUOTED_IDENT -> lx.unterminated() ? null
                : text.substring(lx.start() + 1, lx.end() - 1).replace("\"\"", "\"").toLowerCase(java.util.Locale.ROOT);
            default -> null;
          };
        }
      }
      return out;
    }

    List<Comment> commentsBetween(int from, int to) {
      List<Comment> out = new ArrayList<>();
      SqlLexer lx = new SqlLexer(text, Math.min(from, to), to);
      while (lx.next()) {
        if (lx.kind() == SqlLexer.Kind.LINE_COMMENT || lx.kind() == SqlLexer.Kind.BLOCK_COMMENT) {
          // as written: the parser's copy of a comment is blanked (CommentBodies)
          out.add(new Comment(new Span(lx.start(), lx.end()), source.text().substring(lx.start(), lx.end())));
        }
      }
      return out;
    }
  }

  private static String functionName(Statement statement) {
    JsonNode parts = statement.node().fields().path("funcname");
    return parts.size() == 0 ? "" : parts.get(parts.size() - 1).path("String").path("sval").asText();
  }

  private static JsonNode readParseTree(String json) {
    try {
      return JsonTrees.readParseTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("libpg_query returned invalid JSON", e);
    }
  }

  private static JsonNode readJson(String json) {
    try {
      return JsonTrees.readLibpgQuery(json);
    } catch (IOException e) {
      throw new UncheckedIOException("libpg_query returned invalid JSON", e);
    }
  }
}
