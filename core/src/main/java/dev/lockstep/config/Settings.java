package dev.lockstep.config;

import dev.lockstep.i18n.Text;
import dev.lockstep.i18n.TextException;
import dev.lockstep.engine.Limits;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Severity;
import dev.lockstep.rules.Rules;
import dev.lockstep.engine.Durations;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The lint options of a run: the configuration file's values, overridden by what the caller (the
 * command line, the Maven plugin) sets. Shared so that every entry point reads lockstep.toml alike.
 */
public record Settings(LintOptions options, Severity failLevel, boolean includeDown, Limits limits) {

  /** What a caller sets; null or empty means "as configured". */
  public record Overrides(Integer pgVersion, boolean assumeInTransaction, List<String> enable, List<String> disable,
                          String maxLockTimeout, String failLevel, boolean includeDown, String maxFileSize,
                          String maxParseTime) {
    public Overrides(Integer pgVersion, boolean assumeInTransaction, List<String> enable, List<String> disable,
                     String maxLockTimeout, String failLevel, boolean includeDown) {
      this(pgVersion, assumeInTransaction, enable, disable, maxLockTimeout, failLevel, includeDown, null, null);
    }

    public static Overrides none() {
      return new Overrides(null, false, List.of(), List.of(), null, null, false);
    }
  }

  /** @throws IllegalArgumentException with a one-line message for an unknown rule, level or duration */
  public static Settings resolve(Config config, Overrides o) {
    Severity fail;
    try {
      fail = o.failLevel() != null ? Severity.parse(o.failLevel())
          : config.failLevel() != null ? config.failLevel() : Severity.WARNING;
    } catch (IllegalArgumentException e) {
      throw new TextException(Text.of("%s must be error, warning or hint, got '%s'", "--fail-level", o.failLevel()));
    }
    List<String> named = new ArrayList<>(o.enable());
    named.addAll(o.disable());
    for (String id : named) {
      if (Rules.byId(id).isEmpty()) throw new TextException(Text.of("unknown rule '%s' (see 'lockstep rules')", id));
    }
    long maxLock = config.maxLockTimeoutMillis() != null ? config.maxLockTimeoutMillis()
        : LintOptions.DEFAULT_MAX_LOCK_TIMEOUT_MILLIS;
    if (o.maxLockTimeout() != null) {
      maxLock = Durations.millis(o.maxLockTimeout())
          .orElseThrow(() -> new TextException(Text.of("%s: not a duration: %s", "--max-lock-timeout", o.maxLockTimeout())));
    }
    Set<String> on = new HashSet<>(config.enable());
    on.addAll(o.enable());
    Set<String> off = new HashSet<>(config.disable());
    off.addAll(o.disable());
    on.removeAll(o.disable()); // the caller wins over the file
    off.removeAll(o.enable());
    if (Boolean.TRUE.equals(config.runnerSetsLockTimeout())) off.add("require-lock-timeout");
    int pg = o.pgVersion() != null ? o.pgVersion()
        : config.pgVersion() != null ? config.pgVersion() : LintOptions.NEWEST_PG_VERSION;
    LintOptions options = new LintOptions(pg, o.assumeInTransaction() || Boolean.TRUE.equals(config.assumeInTransaction()),
        on, off, maxLock, !Boolean.FALSE.equals(config.requireSuppressionReason()), config.severities());
    long maxFile = config.maxFileBytes() != null ? config.maxFileBytes() : Limits.DEFAULT_MAX_FILE_BYTES;
    if (o.maxFileSize() != null) {
      maxFile = Limits.bytes(o.maxFileSize())
          .orElseThrow(() -> new TextException(Text.of("%s: not a size: %s", "--max-file-size", o.maxFileSize())));
      Text tooLarge = Limits.fileSizeLimitProblem(maxFile);
      if (tooLarge != null) throw new TextException(Text.of("--%s", tooLarge));
    }
    long maxParse = config.maxParseMillis() != null ? config.maxParseMillis() : Limits.DEFAULT_MAX_PARSE_MILLIS;
    if (o.maxParseTime() != null) {
      maxParse = Durations.millis(o.maxParseTime())
          .orElseThrow(() -> new TextException(Text.of("%s: not a duration: %s", "--max-parse-time", o.maxParseTime())));
    }
    return new Settings(options, fail, o.includeDown() || Boolean.TRUE.equals(config.includeDown()),
        new Limits(maxFile, maxParse));
  }

  /** The configuration file given, or the one found here or in a parent folder, or none. */
  public static Config loadConfig(java.nio.file.Path explicit, java.nio.file.Path searchFrom) {
    java.nio.file.Path file = explicit != null ? explicit : ConfigLoader.discover(searchFrom);
    if (file == null) return Config.NONE;
    Set<String> ids = new HashSet<>();
    Rules.all().forEach(r -> ids.add(r.id()));
    return new ConfigLoader(ids).load(file);
  }
}
