package dev.lockstep.engine;

import dev.lockstep.source.Placeholder;
import dev.lockstep.source.SourceFile;
import dev.lockstep.i18n.Text;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tool placeholders (Flyway's ${schema}, Go templates) reach the parser as identifiers of the same
 * length, one per distinct placeholder (see {@link Placeholder}). Names the rules take from the
 * parse tree carry those identifiers: this puts the user's placeholder back into messages, lock
 * facts and rewrites.
 */
final class Placeholders {
  /** Masked identifier to the placeholder it stands for, longest first so none replaces part of a longer one. */
  private final Map<String, String> originals = new LinkedHashMap<>();

  Placeholders(SourceFile source) {
    List<Placeholder> all = new ArrayList<>(source.placeholders());
    all.sort((a, b) -> b.masked().length() - a.masked().length());
    for (Placeholder p : all) originals.putIfAbsent(p.masked(), p.original());
  }

  String restore(String s) {
    if (s == null || originals.isEmpty()) return s;
    String out = s;
    for (var e : originals.entrySet()) out = out.replace(e.getKey(), e.getValue());
    return out;
  }

  Text restore(Text text) {
    if (text == null || originals.isEmpty()) return text;
    List<Object> args = new ArrayList<>();
    for (Object a : text.args()) args.add(a instanceof String s ? restore(s) : a instanceof Text t ? restore(t) : a);
    return new Text(text.template(), args);
  }

  LockFacts restore(LockFacts facts) {
    if (facts == null || originals.isEmpty()) return facts;
    List<LockFacts.RelationLock> locks = new ArrayList<>();
    for (LockFacts.RelationLock l : facts.locks()) locks.add(new LockFacts.RelationLock(restore(l.relation()), l.mode()));
    return new LockFacts(facts.basis(), locks, facts.blocksReads(), facts.blocksWrites(), facts.rewritesTable(),
        facts.scansTable());
  }

  Rewrite restore(Rewrite rewrite) {
    if (rewrite == null || originals.isEmpty()) return rewrite;
    List<Rewrite.Step> steps = new ArrayList<>();
    for (Rewrite.Step s : rewrite.steps()) steps.add(new Rewrite.Step(restore(s.label()), restore(s.sql()), s.shell()));
    return new Rewrite(restore(rewrite.explanation()), steps);
  }
}
