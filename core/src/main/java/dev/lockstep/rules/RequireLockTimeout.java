package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.engine.TableLocks;
import dev.lockstep.fix.Applicability;
import dev.lockstep.fix.Fix;
import dev.lockstep.fix.TextEdit;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.Drop;
import dev.lockstep.parse.ast.RangeVar;
import dev.lockstep.engine.Durations;
import dev.lockstep.rules.support.RetryAdvice;
import java.util.Optional;

@RuleInfo(id = "require-lock-timeout",
    title = "Set lock_timeout before taking locks that block writes",
    severity = Severity.WARNING, fix = RuleInfo.FixAvailability.ALWAYS)
public final class RequireLockTimeout implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    // One finding per file, on the first statement that needs a timeout: the fix covers the whole file.
    if (out.reported(this) || !needsTimeout(statement, context)) return;
    TableLocks.Locked locked = context.lock(statement).orElseThrow();
    out.report(this, statement)
        .message(locked.mode().sql().matches("[AEIOU].*")
            ? "%s waits for an %s lock on %s with no lock_timeout: while it waits behind any long-running query, "
                + "every other query on %s queues behind it and the application stalls"
            : "%s waits for a %s lock on %s with no lock_timeout: while it waits behind any long-running query, "
                + "every other query on %s queues behind it and the application stalls",
            leadingWords(statement), locked.mode().sql(), locked.description(), locked.description())
        .rewrite(Rewrite.of(RetryAdvice.forTool(context.tool()),
            new Rewrite.Step("first statement of the migration", "SET lock_timeout = '2s';")))
        .fix(Fix.of("Set lock_timeout at the top of the migration", Applicability.UNSAFE,
            TextEdit.insert(context.statements().get(0).span().start(), setLockTimeout(context))));
  }

  /**
   * The SET, in the form the file's tool runs it: Drizzle's migrator sends each part between
   * breakpoints as one prepared statement, which may hold one command only (PGlite refuses two).
   */
  private static String setLockTimeout(MigrationContext context) {
    boolean drizzle = context.runner() != null && context.runner().tool().equals("drizzle");
    return drizzle ? "SET lock_timeout = '2s';\n--> statement-breakpoint\n" : "SET lock_timeout = '2s';\n";
  }

  private static boolean needsTimeout(Statement statement, MigrationContext context) {
    Optional<TableLocks.Locked> locked = context.lock(statement);
    if (locked.isEmpty()) return false;
    if (locked.get().table() != null && context.createdEarlier(locked.get().table(), statement)) return false;
    if (statement.node() instanceof Drop drop && droppedObjectsAreNew(drop, statement, context)) return false;
    return !timeoutSet(context, statement);
  }

  /** DROP of indexes or tables this migration created: nothing else uses them. */
  private static boolean droppedObjectsAreNew(Drop drop, Statement statement, MigrationContext context) {
    for (var name : drop.objects()) {
      String last = name.get(name.size() - 1);
      boolean isNew = switch (drop.objectType()) {
        case INDEX -> context.indexCreatedEarlier(last, statement);
        case TABLE -> context.createdEarlier(RangeVar.of(name.size() > 1 ? name.get(0) : null, last), statement);
        default -> false;
      };
      if (!isNew) return false;
    }
    return true;
  }

  /** "ALTER TABLE", "CREATE INDEX": the statement's first two words. */
  private static String leadingWords(Statement statement) {
    String[] words = statement.text().split("\\s+", 3);
    String two = words.length > 1 ? words[0] + " " + words[1] : words[0];
    return two.toUpperCase(java.util.Locale.ROOT);
  }

  private static boolean timeoutSet(MigrationContext context, Statement statement) {
    return context.lockTimeout(statement)
        .flatMap(v -> Durations.millis(v).isPresent() ? Optional.of(Durations.millis(v).getAsLong()) : Optional.empty())
        .filter(ms -> ms > 0) // 0 disables the timeout
        .isPresent();
  }
}
