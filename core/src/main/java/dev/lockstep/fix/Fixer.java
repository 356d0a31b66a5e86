package dev.lockstep.fix;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Applies the fixes of one lint pass: every fix at or above a level, in text order, skipping a
 * fix whose edits overlap one already taken (a later pass, after re-linting, picks it up).
 */
public final class Fixer {
  private Fixer() {}

  public static String apply(String text, List<? extends Fixable> findings, Applicability level) {
    List<Fix> candidates = new ArrayList<>();
    for (Fixable f : findings) {
      for (Fix fix : f.fixes()) {
        if (fix.applicability().compareTo(level) >= 0 && !fix.edits().isEmpty()) candidates.add(fix);
      }
    }
    candidates.sort(Comparator.comparingInt((Fix f) -> f.edits().get(0).start()));
    List<TextEdit> taken = new ArrayList<>();
    for (Fix fix : candidates) {
      if (!taken.isEmpty() && overlaps(taken.get(taken.size() - 1), fix.edits().get(0))) continue; // next pass
      taken.addAll(fix.edits());
    }
    return new Fix("all", Applicability.SAFE, taken).applyTo(text);
  }

  /** Edits touching at one point overlap when either inserts there: their order would be a guess. */
  private static boolean overlaps(TextEdit before, TextEdit next) {
    if (next.start() != before.end()) return next.start() < before.end();
    return before.start() == before.end() || next.start() == next.end();
  }
}
