package dev.lockstep.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.parse.ast.Node;
import dev.lockstep.source.Position;
import dev.lockstep.source.SourceFile;
import dev.lockstep.source.Span;
import java.util.List;
import java.util.OptionalInt;

/** One statement of a migration as PostgreSQL's grammar delimits it. */
public final class Statement {
  private final SourceFile source;
  private final int index;
  private final Span span;
  private final int byteBase;
  private final JsonNode tree;
  private final List<Comment> leadingComments;
  private final int enclosing;
  private final List<DynamicSql> dynamicSql;
  private Node node;

  Statement(SourceFile source, int index, Span span, int byteBase, JsonNode tree, List<Comment> leadingComments) {
    this(source, index, span, byteBase, tree, leadingComments, -1);
  }

  Statement(SourceFile source, int index, Span span, int byteBase, JsonNode tree, List<Comment> leadingComments,
            int enclosing) {
    this(source, index, span, byteBase, tree, leadingComments, enclosing, List.of());
  }

  private Statement(SourceFile source, int index, Span span, int byteBase, JsonNode tree, List<Comment> leadingComments,
                    int enclosing, List<DynamicSql> dynamicSql) {
    this.source = source;
    this.dynamicSql = List.copyOf(dynamicSql);
    this.index = index;
    this.span = span;
    this.byteBase = byteBase;
    this.tree = tree;
    this.leadingComments = List.copyOf(leadingComments);
    this.enclosing = enclosing;
  }

  /**
   * For a statement inside a DO block, or inside a PL/pgSQL function that the file calls: the index
   * of that DO / CREATE FUNCTION statement; otherwise -1.
   */
  public int enclosingIndex() {
    return enclosing;
  }

  Statement withIndex(int newIndex, int newEnclosing) {
    return new Statement(source, newIndex, span, byteBase, tree, leadingComments, newEnclosing, dynamicSql);
  }

  Statement withDynamicSql(List<DynamicSql> executes) {
    return new Statement(source, index, span, byteBase, tree, leadingComments, enclosing, executes);
  }

  /**
   * For a DO block, or a PL/pgSQL function the file calls: each EXECUTE in its body whose SQL
   * lockstep cannot check (a string built at run time), in order; empty otherwise.
   */
  public List<DynamicSql> dynamicSql() {
    return dynamicSql;
  }

  /** 0-based position among the file's statements. */
  public int index() {
    return index;
  }

  /** From the first token to the last, without the terminating semicolon. */
  public Span span() {
    return span;
  }

  public String text() {
    return source.text(span);
  }

  public Position start() {
    return source.position(span.start());
  }

  public SourceFile source() {
    return source;
  }

  int byteBase() {
    return byteBase;
  }

  /** The typed parse tree of the statement. */
  public Node node() {
    if (node == null) node = Node.of(tree);
    return node;
  }

  /** The raw JSON tree, e.g. {@code {"IndexStmt": {...}}}: for the parser's own classes; others read {@link #node()}. */
  JsonNode tree() {
    return tree;
  }

  /** Comments between the previous statement and this one, in order. */
  public List<Comment> leadingComments() {
    return leadingComments;
  }

  /** Char offset in the file of a node location (a UTF-8 byte offset in the parsed text). */
  public int offsetOf(OptionalInt location) {
    if (location.isEmpty()) return span.start();
    int offset = source.charOffsetOfByte(byteBase + location.getAsInt());
    return span.contains(offset) ? offset : span.start();
  }

  /**
   * Char offset just past the first occurrence of {@code word} as a keyword or identifier
   * (outside quotes and comments), or -1.
   */
  public int endOfWord(String word) {
    SqlLexer lx = new SqlLexer(source.text(), span.start(), span.end());
    while (lx.next()) {
      if (lx.kind() == SqlLexer.Kind.WORD && source.text().substring(lx.start(), lx.end()).equalsIgnoreCase(word)) {
        return lx.end();
      }
    }
    return -1;
  }

  /**
   * Char offset of the first occurrence of {@code word} outside parentheses, quotes and comments
   * (a clause keyword of this statement, not of a subquery), or -1.
   */
  public int topLevelWord(String word) {
    SqlLexer lx = new SqlLexer(source.text(), span.start(), span.end());
    int depth = 0;
    while (lx.next()) {
      String t = source.text().substring(lx.start(), lx.end());
      if (lx.kind() == SqlLexer.Kind.OTHER && t.equals("(")) depth++;
      else if (lx.kind() == SqlLexer.Kind.OTHER && t.equals(")")) depth--;
      else if (depth == 0 && lx.kind() == SqlLexer.Kind.WORD && t.equalsIgnoreCase(word)) return lx.start();
    }
    return -1;
  }

  /**
   * End of the clause that starts at {@code from}: the last token before the next comma outside
   * parentheses, or before the end of the statement. Used to append to one ALTER TABLE subcommand.
   */
  public int clauseEnd(int from) {
    SqlLexer lx = new SqlLexer(source.text(), from, span.end());
    int depth = 0;
    int last = from;
    while (lx.next()) {
      if (lx.isTrivia()) continue;
      String t = source.text().substring(lx.start(), lx.end());
      if (t.equals("(")) depth++;
      else if (t.equals(")")) depth--;
      else if (t.equals(",") && depth == 0) break;
      last = lx.end();
    }
    return last;
  }

  @Override
  public String toString() {
    return "Statement[" + start() + " " + node().kind() + "]";
  }
}
