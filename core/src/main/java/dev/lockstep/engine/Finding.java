package dev.lockstep.engine;

import dev.lockstep.fix.Fix;
import dev.lockstep.fix.Fixable;
import dev.lockstep.fix.Relocation;
import dev.lockstep.i18n.Text;
import dev.lockstep.source.Position;
import dev.lockstep.source.Span;
import java.util.List;

/**
 * One problem a rule found: where (char span and 1-based positions), what, the lock it takes,
 * the safe rewrite, machine-applicable fixes, and the move to a migration of its own where the
 * rewrite needs one. {@code lock}, {@code rewrite} and {@code relocation} may be null.
 */
public record Finding(String ruleId, Severity severity, String path, Span span, Position start, Position end,
                      Text text, LockFacts lock, Rewrite rewrite, List<Fix> fixes, Relocation relocation)
    implements Fixable {
  public Finding {
    fixes = List.copyOf(fixes);
  }

  /** A finding whose message is a fixed English sentence. */
  public Finding(String ruleId, Severity severity, String path, Span span, Position start, Position end,
                 String message, LockFacts lock, Rewrite rewrite, List<Fix> fixes, Relocation relocation) {
    this(ruleId, severity, path, span, start, end, Text.of(message), lock, rewrite, fixes, relocation);
  }

  /** The message in English; reporters render {@link #text()} in the chosen language. */
  public String message() {
    return text.english();
  }

  public Finding withSeverity(Severity other) {
    return new Finding(ruleId, other, path, span, start, end, text, lock, rewrite, fixes, relocation);
  }
}
