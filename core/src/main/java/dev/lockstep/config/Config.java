package dev.lockstep.config;

import dev.lockstep.engine.Severity;
import dev.lockstep.frameworks.DeclaredRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Settings from lockstep.toml / .lockstep.yaml. Null or empty means "not set": the command line or
 * the built-in default applies. docs/config-schema.json describes the file.
 *
 * @param file the config file, or null when none was found
 * @param stats a stats snapshot (written by lockstep stats) that weighs findings by table size, relative to the file
 * @param smallTableRows below this many rows, a rewrite or scan finding on a table becomes a hint
 * @param pendingFrom the first migration not yet applied in production (a version or a name), or null
 * @param lang the language of messages (en, es, pt), or null
 */
public record Config(Path file, Integer pgVersion, Severity failLevel, String format, Boolean assumeInTransaction,
                     Boolean includeDown, Long maxLockTimeoutMillis, Boolean runnerSetsLockTimeout,
                     Boolean requireSuppressionReason, List<String> include, List<String> exclude,
                     List<String> enable, List<String> disable, Map<String, Severity> severities,
                     Map<String, DeclaredRunner> frameworks, Long maxFileBytes, Long maxParseMillis, String stats,
                     Long smallTableRows, String pendingFrom, String lang) {

  public static final Config NONE = new Config(null, null, null, null, null, null, null, null, null, List.of(),
      List.of(), List.of(), List.of(), Map.of(), Map.of(), null, null, null, null, null, null);

  /** The stats snapshot's path, resolved against the config file's folder; null when not set. */
  public Path statsFile() {
    return stats == null ? null : baseDir().resolve(stats);
  }

  /** The folder globs are relative to. */
  public Path baseDir() {
    return file == null ? Path.of("").toAbsolutePath() : file.toAbsolutePath().getParent();
  }
}
