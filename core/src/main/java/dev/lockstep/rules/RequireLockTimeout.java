package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.engine.TransactionPlan;
import dev.lockstep.parse.ast.Transaction;
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
            new Rewrite.Step("first statement of the migration", setting(statement, context) + ";")))
        .fix(fix(statement, context));
  }

  /**
   * The setting for the whole migration, and no further: SET LOCAL where the tool runs the migration in
   * one transaction; where it does not, SET, and RESET at the end when the tool goes on to the next
   * migration on the same connection (the timeout would otherwise hold there too).
   */
  private static Fix fix(Statement statement, MigrationContext context) {
    Statement first = context.statements().get(0);
    TextEdit set = TextEdit.insert(first.span().start(), setting(statement, context) + ";\n" + breakpoint(context));
    if (toolTransaction(statement, context) || !sharesConnection(context.tool())) {
      return Fix.of("Set lock_timeout at the top of the migration", Applicability.UNSAFE, set);
    }
    Statement last = context.statements().get(context.statements().size() - 1);
    for (Statement s : context.statements()) if (s.enclosingIndex() < 0) last = s;
    int end = last.span().end();
    String text = context.statements().get(0).source().text();
    if (end < text.length() && text.charAt(end) == ';') end++;
    return Fix.of("Set lock_timeout at the top of the migration", Applicability.UNSAFE, set,
        TextEdit.insert(end, "\nRESET lock_timeout;"));
  }

  /**
   * Drizzle's migrator sends each part between breakpoints as one prepared statement, which may hold
   * one command only (PGlite refuses two): the SET gets a breakpoint of its own.
   */
  private static String breakpoint(MigrationContext context) {
    return context.tool() == TransactionPlan.Tool.DRIZZLE ? "--> statement-breakpoint\n" : "";
  }

  private static String setting(Statement statement, MigrationContext context) {
    return toolTransaction(statement, context) ? "SET LOCAL lock_timeout = '2s'" : "SET lock_timeout = '2s'";
  }

  /** The migration's first statement and this one run in one transaction that the tool opens (no BEGIN/COMMIT in the file). */
  private static boolean toolTransaction(Statement statement, MigrationContext context) {
    Statement first = context.statements().get(0);
    boolean explicit = context.statements().stream().anyMatch(s -> s.node() instanceof Transaction);
    return !explicit && context.inTransaction(first) && !context.inExplicitBlock(first) && !context.inExplicitBlock(statement)
        && context.sameTransaction(first, statement.index());
  }

  /**
   * Tools that run the next migration on the same connection, statement by statement where a migration
   * opts out of their transaction (psql and unknown runners start a session per file; a tool that sends
   * a file in one call would run an added RESET in the same implicit transaction block as the file).
   */
  private static boolean sharesConnection(TransactionPlan.Tool tool) {
    return switch (tool) {
      case FLYWAY, LIQUIBASE, GOOSE, DBMATE, POP -> true;
      default -> false;
    };
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
