package dev.lockstep.engine;

import dev.lockstep.i18n.Text;
import dev.lockstep.parse.Comment;
import dev.lockstep.parse.ParsedFile;
import dev.lockstep.parse.Statement;
import dev.lockstep.source.SourceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a file's suppression comments to its findings, and reports suppressions that are
 * invalid (unknown rule, no reason) or suppress nothing.
 */
final class Suppressions {
  static final String UNUSED = "unused-suppression";
  static final String INVALID = "invalid-suppression";

  record Outcome(List<Finding> kept, List<SuppressedFinding> suppressed) {}

  private Suppressions() {}

  static Outcome apply(ParsedFile file, List<Finding> findings, Findings meta, Map<String, Rule> running,
                       Set<String> knownIds, boolean reasonRequired) {
    List<Comment> comments = new ArrayList<>(file.comments());
    for (Statement st : file.statements()) { // comments inside DO bodies are part of a string to the lexer
      if (st.enclosingIndex() >= 0) comments.addAll(st.leadingComments());
    }
    List<Suppression> all = new ArrayList<>();
    for (Comment c : comments) {
      Suppression s = Suppression.parse(c);
      if (s != null) all.add(s);
    }
    if (all.isEmpty()) return new Outcome(findings, List.of());

    List<Suppression> valid = new ArrayList<>();
    for (Suppression s : all) {
      Text problem = problem(s, knownIds, reasonRequired);
      if (problem == null) {
        valid.add(s);
      } else if (running.containsKey(INVALID)) {
        meta.report(running.get(INVALID), s.comment().span()).message(problem.template(), problem.args().toArray());
      }
    }
    Map<Integer, List<Suppression>> byStatement = attach(file, valid);
    Map<Suppression, Set<String>> used = new LinkedHashMap<>();

    List<Finding> kept = new ArrayList<>();
    List<SuppressedFinding> suppressed = new ArrayList<>();
    for (Finding f : findings) {
      Suppression by = null;
      for (Statement owner : statementsAt(file, f.span().start())) { // a DO block and the statement inside it
        for (Suppression s : byStatement.getOrDefault(owner.index(), List.of())) if (s.ruleIds().contains(f.ruleId())) by = s;
      }
      if (by == null) {
        for (Suppression s : valid) if (s.wholeFile() && s.ruleIds().contains(f.ruleId())) by = s;
      }
      if (by == null) {
        kept.add(f);
      } else {
        suppressed.add(new SuppressedFinding(f, by));
        used.computeIfAbsent(by, k -> new LinkedHashSet<>()).add(f.ruleId());
      }
    }
    if (running.containsKey(UNUSED)) {
      Set<Suppression> placed = new java.util.HashSet<>();
      byStatement.values().forEach(placed::addAll);
      for (Suppression s : valid) {
        List<String> idle = s.ruleIds().stream()
            .filter(id -> running.containsKey(id) && !used.getOrDefault(s, Set.of()).contains(id)).toList();
        if (idle.isEmpty()) continue;
        String template = s.wholeFile()
            ? "This suppression of %s suppresses nothing in this file: remove it, or it will hide a future finding"
            : placed.contains(s)
                ? "This suppression of %s suppresses nothing on the statement that follows: remove it, or it will hide "
                    + "a future finding"
                : "This suppression of %s suppresses nothing (it is not on the lines right before a statement): remove "
                    + "it, or it will hide a future finding";
        meta.report(running.get(UNUSED), s.comment().span()).message(template, String.join(", ", idle));
      }
    }
    return new Outcome(kept, suppressed);
  }

  private static Text problem(Suppression s, Set<String> knownIds, boolean reasonRequired) {
    if (s.ruleIds().isEmpty()) {
      return Text.of("The suppression names no rule: write the rule ids to ignore, e.g. %s",
          "-- lockstep-ignore require-concurrent-index -- reason");
    }
    for (String id : s.ruleIds()) {
      if (!knownIds.contains(id)) {
        String suggestion = Suggestions.closest(id, knownIds);
        return suggestion == null ? Text.of("Unknown rule '%s' in suppression", id)
            : Text.of("Unknown rule '%s' in suppression; did you mean '%s'?", id, suggestion);
      }
    }
    if (reasonRequired && s.reason().isEmpty()) {
      String ids = String.join(", ", s.ruleIds());
      return Text.of("The suppression of %s gives no reason: add one after '--', e.g. %s", ids,
          Text.of("-- lockstep-ignore %s -- the table has 200 rows", ids));
    }
    return null;
  }

  /**
   * Statement suppressions belong to the statement right after them: the comment stands on a line of
   * its own, before the statement's first line, with only comments and blank lines in between.
   */
  private static Map<Integer, List<Suppression>> attach(ParsedFile file, List<Suppression> valid) {
    Map<Integer, List<Suppression>> out = new HashMap<>();
    SourceFile source = file.source();
    for (Statement st : file.statements()) {
      for (Comment c : st.leadingComments()) {
        for (Suppression s : valid) {
          if (s.wholeFile() || !s.comment().span().equals(c.span())) continue;
          int line = source.position(c.span().start()).line();
          if (onOwnLine(source.text(), c.span().start()) && line < st.start().line()) {
            out.computeIfAbsent(st.index(), k -> new ArrayList<>()).add(s);
          }
        }
      }
    }
    return out;
  }

  private static boolean onOwnLine(String text, int offset) {
    for (int i = offset - 1; i >= 0 && text.charAt(i) != '\n' && text.charAt(i) != '\r'; i--) {
      if (!Character.isWhitespace(text.charAt(i))) return false;
    }
    return true;
  }

  /** The statements whose span holds {@code offset}: a top-level one, and one inside it if it is a DO block. */
  private static List<Statement> statementsAt(ParsedFile file, int offset) {
    List<Statement> statements = file.statements();
    int lo = 0;
    int hi = statements.size() - 1;
    int top = -1;
    while (lo <= hi) { // the last statement starting at or before offset
      int mid = (lo + hi) >>> 1;
      if (statements.get(mid).span().start() <= offset) {
        top = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    List<Statement> out = new ArrayList<>();
    if (top < 0) return out;
    Statement found = statements.get(top);
    if (found.enclosingIndex() >= 0) out.add(statements.get(found.enclosingIndex()));
    if (offset <= found.span().end()) out.add(found);
    else if (found.enclosingIndex() < 0) return out;
    return out;
  }
}
