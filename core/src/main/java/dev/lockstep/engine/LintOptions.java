package dev.lockstep.engine;

import dev.lockstep.i18n.Text;
import dev.lockstep.i18n.TextException;
import java.util.Map;
import java.util.Set;

/**
 * Settings that change what rules conclude.
 *
 * @param pgVersion the PostgreSQL major the migrations will run on
 * @param assumeInTransaction whether the runner wraps each file in a transaction
 * @param enabled rule ids turned on besides the default ones
 * @param disabled rule ids turned off
 * @param maxLockTimeoutMillis the longest lock_timeout a migration may set
 * @param requireSuppressionReason whether a lockstep-ignore comment must give a reason
 * @param severities severity overrides by rule id
 */
public record LintOptions(int pgVersion, boolean assumeInTransaction, Set<String> enabled, Set<String> disabled,
                          long maxLockTimeoutMillis, boolean requireSuppressionReason, Map<String, Severity> severities) {
  /** The newest PostgreSQL major whose grammar and lock behaviour lockstep knows. */
  public static final int NEWEST_PG_VERSION = 18;
  public static final int OLDEST_PG_VERSION = 10;

  public static final long DEFAULT_MAX_LOCK_TIMEOUT_MILLIS = 10_000;

  public LintOptions {
    enabled = Set.copyOf(enabled);
    disabled = Set.copyOf(disabled);
    severities = Map.copyOf(severities);
    if (pgVersion < OLDEST_PG_VERSION || pgVersion > NEWEST_PG_VERSION) {
      throw new TextException(Text.of("PostgreSQL major must be between %d and %d, got %d", OLDEST_PG_VERSION,
          NEWEST_PG_VERSION, pgVersion));
    }
  }

  public LintOptions(int pgVersion, boolean assumeInTransaction) {
    this(pgVersion, assumeInTransaction, Set.of(), Set.of(), DEFAULT_MAX_LOCK_TIMEOUT_MILLIS, true, Map.of());
  }

  public LintOptions(int pgVersion, boolean assumeInTransaction, Set<String> enabled, Set<String> disabled,
                     long maxLockTimeoutMillis) {
    this(pgVersion, assumeInTransaction, enabled, disabled, maxLockTimeoutMillis, true, Map.of());
  }

  public static LintOptions defaults() {
    return new LintOptions(NEWEST_PG_VERSION, false);
  }

  /** Whether a rule runs: on by default or enabled, and not disabled. */
  public boolean runs(RuleInfo rule) {
    return !disabled.contains(rule.id()) && (rule.enabledByDefault() || enabled.contains(rule.id()));
  }
}
