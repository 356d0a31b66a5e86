package dev.lockstep.engine;

import dev.lockstep.fix.Fix;
import dev.lockstep.source.Position;
import dev.lockstep.source.Span;
import java.util.List;

/**
 * One problem a rule found: where (char span and 1-based positions), what, the lock it takes,
 * the safe rewrite, and machine-applicable fixes. {@code lock} and {@code rewrite} may be null.
 */
public record Finding(String ruleId, Severity severity, String path, Span span, Position start, Position end,
                      String message, LockFacts lock, Rewrite rewrite, List<Fix> fixes) {
  public Finding {
    fixes = List.copyOf(fixes);
  }
}
