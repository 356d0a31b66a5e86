package dev.lockstep.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.lockstep.engine.Limits;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Severity;
import dev.lockstep.engine.Suggestions;
import dev.lockstep.frameworks.DeclaredRunner;
import dev.lockstep.frameworks.Framework;
import dev.lockstep.engine.Durations;
import dev.lockstep.source.BoundedRead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Finds and reads the configuration: {@code lockstep.toml} or {@code .lockstep.yaml} in the working
 * directory or the nearest parent, or the file given with --config. Unknown keys and bad values are
 * errors that name the file and line, with a suggestion where one is close.
 */
public final class ConfigLoader {
  /** A configuration is a few lines; anything this big is not one (and is never read whole). */
  private static final long MAX_CONFIG_BYTES = 1L << 20;
  public static final List<String> FILE_NAMES = List.of("lockstep.toml", ".lockstep.toml", ".lockstep.yaml", ".lockstep.yml");
  private static final Set<String> TOP_KEYS = Set.of("lang", "pg-version", "fail-level", "format", "assume-in-transaction",
      "include-down", "max-lock-timeout", "max-file-size", "max-parse-time", "runner-sets-lock-timeout", "require-suppression-reason", "include",
      "exclude", "rules", "frameworks", "stats", "small-table-rows", "pending-from");
  private static final Set<String> RUNNER_KEYS = Set.of("transaction", "no-transaction-line");
  private static final Set<String> RULE_KEYS = Set.of("enable", "disable", "severity");

  private final Set<String> ruleIds;
  private Path file;
  private String text;

  public ConfigLoader(Set<String> ruleIds) {
    this.ruleIds = ruleIds;
  }

  /**
   * The nearest config file from {@code start} up to the repository root (the nearest folder
   * holding {@code .git}), or in {@code start} alone outside a repository; null when there is none.
   * A file above the repository (a shared parent, another user's home) is never applied.
   */
  public static Path discover(Path start) {
    Path from = start.toAbsolutePath().normalize();
    Path root = repositoryRoot(from);
    for (Path dir = from; dir != null; dir = dir.getParent()) {
      for (String name : FILE_NAMES) {
        Path candidate = dir.resolve(name);
        if (Files.isRegularFile(candidate)) return candidate;
      }
      if (root == null || dir.equals(root)) break;
    }
    return null;
  }

  /**
   * A YAML document as a tree, with aliases resolved to what their anchors hold (a list included:
   * {@code include: *globs}), duplicate keys refused and alias expansion bounded.
   */
  private static JsonNode yaml(String text) throws IOException {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(50);
    try {
      Object document = new Yaml(new SafeConstructor(options)).load(text);
      return new ObjectMapper().valueToTree(document);
    } catch (YAMLException | IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** The nearest folder from {@code dir} upwards that holds {@code .git} (a folder, or a worktree's file), or null. */
  static Path repositoryRoot(Path dir) {
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.exists(d.resolve(".git"))) return d;
    }
    return null;
  }

  public Config load(Path configFile) {
    this.file = configFile;
    JsonNode root;
    try {
      text = new String(BoundedRead.file(configFile, MAX_CONFIG_BYTES), StandardCharsets.UTF_8);
      root = configFile.getFileName().toString().endsWith(".toml") ? new TomlMapper().readTree(text) : yaml(text);
    } catch (BoundedRead.TooLarge e) {
      throw new ConfigException(configFile + ": cannot read the configuration: larger than " + (MAX_CONFIG_BYTES >> 20) + " MiB");
    } catch (BoundedRead.NotRegularFile e) {
      throw new ConfigException(configFile + ": cannot read the configuration: it " + e.getMessage());
    } catch (IOException e) {
      String reason = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      throw new ConfigException(configFile + ": cannot read the configuration: " + reason);
    }
    if (root == null || root.isMissingNode() || root.isNull()) return new Config(configFile, null, null, null, null,
        null, null, null, null, List.of(), List.of(), List.of(), List.of(), Map.of(), Map.of(), null, null, null, null, null, null);
    if (!root.isObject()) throw error(null, "the configuration must be a table of keys");
    unknownKeys(root, TOP_KEYS, "");
    JsonNode rules = root.path("rules");
    if (!rules.isMissingNode()) {
      if (!rules.isObject()) throw error("rules", "'rules' must be a table with enable, disable and severity");
      unknownKeys(rules, RULE_KEYS, "rules.");
    }
    Integer pg = integer(root, "pg-version");
    if (pg != null && (pg < LintOptions.OLDEST_PG_VERSION || pg > LintOptions.NEWEST_PG_VERSION)) {
      throw error("pg-version", "pg-version must be between " + LintOptions.OLDEST_PG_VERSION + " and "
          + LintOptions.NEWEST_PG_VERSION + ", got " + pg);
    }
    String format = string(root, "format");
    if (format != null && !dev.lockstep.report.Reporters.exists(format)) {
      throw error("format", "format must be one of " + String.join(", ", dev.lockstep.report.Reporters.names())
          + ", got '" + format + "'");
    }
    Long maxLock = null;
    String maxLockText = string(root, "max-lock-timeout");
    if (maxLockText != null) {
      maxLock = Durations.millis(maxLockText).orElseThrow(() -> error("max-lock-timeout",
          "max-lock-timeout must be a duration such as '5s' or '500ms', got '" + maxLockText + "'"));
    }
    Long maxFileBytes = null;
    String maxFileText = string(root, "max-file-size");
    if (maxFileText != null) {
      maxFileBytes = Limits.bytes(maxFileText).orElseThrow(() -> error("max-file-size",
          "max-file-size must be a size such as '16MiB' or '500k', got '" + maxFileText + "'"));
      String tooLarge = Limits.fileSizeLimitProblem(maxFileBytes);
      if (tooLarge != null) throw error("max-file-size", tooLarge);
    }
    Long maxParseMillis = null;
    String maxParseText = string(root, "max-parse-time");
    if (maxParseText != null) {
      maxParseMillis = Durations.millis(maxParseText).orElseThrow(() -> error("max-parse-time",
          "max-parse-time must be a duration such as '60s', got '" + maxParseText + "'"));
    }
    Map<String, Severity> severities = new LinkedHashMap<>();
    JsonNode sev = rules.path("severity");
    if (!sev.isMissingNode()) {
      if (!sev.isObject()) throw error("severity", "rules.severity must map rule ids to error, warning or hint");
      sev.properties().forEach(e -> {
        ruleId(e.getKey());
        severities.put(e.getKey(), severity(e.getKey(), e.getValue().asText()));
      });
    }
    Map<String, DeclaredRunner> frameworks = new LinkedHashMap<>();
    JsonNode fw = root.path("frameworks");
    if (!fw.isMissingNode()) {
      if (!fw.isObject()) throw error("frameworks", "frameworks must map path globs to framework names");
      fw.properties().forEach(e -> frameworks.put(e.getKey(), declared(e.getKey(), e.getValue())));
    }
    JsonNode pendingNode = root.get("pending-from");
    if (pendingNode != null && (!pendingNode.isTextual() || pendingNode.asText().isBlank())) {
      // a bare number would lose Flyway's parts (1.10 reads as 1.1)
      throw error("pending-from", "pending-from must be a quoted version or migration name such as \"12\", \"1.10\" or "
          + "\"20240101120000_add_orders\", got " + pendingNode);
    }
    String pendingFrom = pendingNode == null ? null : pendingNode.asText().strip();
    List<String> enable = ids(rules, "enable");
    List<String> disable = ids(rules, "disable");
    String fail = string(root, "fail-level");
    JsonNode smallRows = root.get("small-table-rows");
    if (smallRows != null && (!smallRows.isIntegralNumber() || smallRows.asLong() < 0)) {
      throw error("small-table-rows", "small-table-rows must be a whole number of rows, 0 or more, got " + smallRows);
    }
    return new Config(configFile, pg, fail == null ? null : severity("fail-level", fail), format,
        bool(root, "assume-in-transaction"), bool(root, "include-down"), maxLock, bool(root, "runner-sets-lock-timeout"),
        bool(root, "require-suppression-reason"), strings(root, "include"), strings(root, "exclude"), enable, disable,
        severities, frameworks, maxFileBytes, maxParseMillis, string(root, "stats"),
        smallRows == null ? null : smallRows.asLong(), pendingFrom, string(root, "lang"));
  }

  private void unknownKeys(JsonNode node, Set<String> known, String prefix) {
    node.fieldNames().forEachRemaining(key -> {
      if (!known.contains(key)) {
        throw error(key, "unknown key '" + prefix + key + "'" + suggestion(key, known));
      }
    });
  }

  private List<String> ids(JsonNode rules, String key) {
    List<String> out = strings(rules, key);
    for (String id : out) ruleId(id);
    return out;
  }

  private void ruleId(String id) {
    if (!ruleIds.contains(id)) throw error(id, "unknown rule '" + id + "'" + suggestion(id, ruleIds));
  }

  private Severity severity(String key, String value) {
    try {
      return Severity.parse(value);
    } catch (IllegalArgumentException e) {
      throw error(key, key + " must be error, warning or hint, got '" + value + "'");
    }
  }

  private Integer integer(JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null) return null;
    if (!v.canConvertToInt() || !v.isIntegralNumber()) throw error(key, key + " must be a whole number, got " + v);
    return v.asInt();
  }

  private String string(JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null) return null;
    if (!v.isTextual()) throw error(key, key + " must be a string, got " + v);
    return v.asText();
  }

  private Boolean bool(JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null) return null;
    if (!v.isBoolean()) throw error(key, key + " must be true or false, got " + v);
    return v.asBoolean();
  }

  private List<String> strings(JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null) return List.of();
    if (!v.isArray()) throw error(key, key + " must be a list of strings");
    List<String> out = new ArrayList<>();
    for (JsonNode item : v) {
      if (!item.isTextual()) throw error(key, key + " must be a list of strings, got " + item);
      out.add(item.asText());
    }
    return out;
  }

  /** "file:line: message", the line being where {@code key} first appears (the file when unknown). */
  private ConfigException error(String key, String message) {
    int line = key == null ? 0 : lineOf(key);
    return new ConfigException(file + (line > 0 ? ":" + line : "") + ": " + message);
  }

  private int lineOf(String key) {
    Pattern p = Pattern.compile("^\\s*[\"']?" + Pattern.quote(key) + "[\"']?\\s*[=:]");
    String[] lines = text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) if (p.matcher(lines[i]).find()) return i + 1;
    Pattern anywhere = Pattern.compile("[\"'\\s\\[]" + Pattern.quote(key) + "[\"'\\s,\\]]");
    for (int i = 0; i < lines.length; i++) if (anywhere.matcher(" " + lines[i] + " ").find()) return i + 1;
    return 0;
  }

  private static Set<String> frameworkIds() {
    Set<String> ids = new java.util.TreeSet<>();
    for (Framework f : Framework.values()) if (f != Framework.CUSTOM) ids.add(f.id());
    return ids;
  }

  /**
   * A [frameworks] entry: a tool's name, or an in-house runner's table
   * {@code { transaction = "per-file", no-transaction-line = "-- no transaction" }}.
   */
  private DeclaredRunner declared(String glob, JsonNode value) {
    if (value.isTextual()) {
      if (!frameworkIds().contains(value.asText())) {
        throw error(glob, "unknown framework '" + value.asText() + "' for '" + glob + "'"
            + suggestion(value.asText(), frameworkIds()));
      }
      return DeclaredRunner.tool(glob, Framework.fromId(value.asText()));
    }
    if (!value.isObject()) {
      throw error(glob, "'" + glob + "' must be a framework name or a table such as { transaction = \"per-file\" }");
    }
    unknownKeys(value, RUNNER_KEYS, "frameworks.\"" + glob + "\".");
    JsonNode transaction = value.get("transaction");
    Set<String> models = new java.util.TreeSet<>();
    for (DeclaredRunner.Transaction t : DeclaredRunner.Transaction.values()) models.add(t.id());
    if (transaction == null || !transaction.isTextual() || !models.contains(transaction.asText())) {
      throw error(glob, "'" + glob + "' needs transaction = one of " + String.join(", ", models)
          + (transaction == null ? "" : ", got " + transaction) + suggestion(transaction == null ? "" : transaction.asText(), models));
    }
    JsonNode optOut = value.get("no-transaction-line");
    if (optOut != null && (!optOut.isTextual() || optOut.asText().isBlank())) {
      throw error("no-transaction-line", "no-transaction-line must be the line (e.g. \"-- no transaction\") by which a file "
          + "runs without the runner's transaction, got " + optOut);
    }
    return new DeclaredRunner(glob, Framework.CUSTOM, DeclaredRunner.Transaction.fromId(transaction.asText()),
        optOut == null ? null : optOut.asText());
  }

  private static String suggestion(String word, Set<String> known) {
    return Suggestions.didYouMean(word, known);
  }
}
