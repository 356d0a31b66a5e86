package dev.lockstep.engine;

import dev.lockstep.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tool placeholders (Flyway's ${schema}, Go templates) reach the parser as same-length runs of
 * underscores. Names the rules take from the parse tree carry those runs: this puts the user's
 * placeholder back into messages, lock facts and rewrites.
 */
final class Placeholders {
  private final Map<String, String> masked = new LinkedHashMap<>();

  Placeholders(SourceFile source) {
    String text = source.text();
    String parse = source.parseText();
    if (text.equals(parse)) return;
    int i = 0;
    while (i < text.length()) {
      if (parse.charAt(i) == '_' && text.charAt(i) != '_') {
        int j = i;
        while (j < text.length() && parse.charAt(j) == '_' && text.charAt(j) != '_') j++;
        masked.putIfAbsent(parse.substring(i, j), text.substring(i, j));
        i = j;
      } else {
        i++;
      }
    }
  }

  String restore(String s) {
    if (s == null || masked.isEmpty()) return s;
    String out = s;
    // longest first, so that a run never replaces part of a longer one
    List<Map.Entry<String, String>> entries = new ArrayList<>(masked.entrySet());
    entries.sort((a, b) -> b.getKey().length() - a.getKey().length());
    for (var e : entries) out = out.replace(e.getKey(), e.getValue());
    return out;
  }

  LockFacts restore(LockFacts facts) {
    if (facts == null || masked.isEmpty()) return facts;
    List<LockFacts.RelationLock> locks = new ArrayList<>();
    for (LockFacts.RelationLock l : facts.locks()) locks.add(new LockFacts.RelationLock(restore(l.relation()), l.mode()));
    return new LockFacts(facts.basis(), locks, facts.blocksReads(), facts.blocksWrites(), facts.rewritesTable(),
        facts.scansTable());
  }

  Rewrite restore(Rewrite rewrite) {
    if (rewrite == null || masked.isEmpty()) return rewrite;
    List<Rewrite.Step> steps = new ArrayList<>();
    for (Rewrite.Step s : rewrite.steps()) steps.add(new Rewrite.Step(restore(s.runs()), restore(s.sql())));
    return new Rewrite(restore(rewrite.summary()), steps);
  }
}
