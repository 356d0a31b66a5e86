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
import dev.lockstep.i18n.Text;
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
import org.yaml.snakeyaml.error.MarkedYAMLException;
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
  /** The file's lang, once it is parsed, so that its errors are told in that language. */
  private String lang;

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
      throw new ConfigException(Text.of("%s: cannot read the configuration: larger than %d MiB", configFile.toString(),
          MAX_CONFIG_BYTES >> 20), null);
    } catch (BoundedRead.NotRegularFile e) {
      throw new ConfigException(Text.of("%s: cannot read the configuration: it %s", configFile.toString(), e.problem()), null);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new ConfigException(Text.of("%s: cannot read the configuration: no such file", configFile.toString()), null);
    } catch (java.nio.file.AccessDeniedException e) {
      throw new ConfigException(Text.of("%s: cannot read the configuration: permission denied", configFile.toString()), null);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // a TOML syntax error: where, in lockstep's words, and what, in the TOML library's (which has no translation)
      var at = e.getLocation();
      String reason = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("");
      if (at != null && at.getLineNr() > 0) {
        throw new ConfigException(Text.of("%s:%d:%d: the configuration is not valid TOML: %s", configFile.toString(),
            at.getLineNr(), Math.max(1, at.getColumnNr()), reason), null);
      }
      throw new ConfigException(Text.of("%s: the configuration is not valid TOML: %s", configFile.toString(), reason), null);
    } catch (IOException e) {
      if (e.getCause() instanceof MarkedYAMLException y && y.getProblemMark() != null) {
        // a YAML syntax error: where, in lockstep's words, and what, in the YAML library's (which has no translation)
        throw new ConfigException(Text.of("%s:%d:%d: the configuration is not valid YAML: %s", configFile.toString(),
            y.getProblemMark().getLine() + 1, y.getProblemMark().getColumn() + 1, String.valueOf(y.getProblem())), null);
      }
      // the YAML library's own words (a duplicate key, too many aliases), which have no translation
      String reason = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      throw new ConfigException(Text.of("%s: cannot read the configuration: %s", configFile.toString(), reason), null);
    }
    if (root != null && root.isObject() && root.path("lang").isTextual()) lang = root.path("lang").asText();
    if (root == null || root.isMissingNode() || root.isNull()) return new Config(configFile, null, null, null, null,
        null, null, null, null, List.of(), List.of(), List.of(), List.of(), Map.of(), Map.of(), null, null, null, null, null, null);
    if (!root.isObject()) throw error(null, Text.of("the configuration must be a table of keys"));
    unknownKeys(root, TOP_KEYS, "");
    JsonNode rules = root.path("rules");
    if (!rules.isMissingNode()) {
      if (!rules.isObject()) throw error("rules", Text.of("'rules' must be a table with enable, disable and severity"));
      unknownKeys(rules, RULE_KEYS, "rules.");
    }
    Integer pg = integer(root, "pg-version");
    if (pg != null && (pg < LintOptions.OLDEST_PG_VERSION || pg > LintOptions.NEWEST_PG_VERSION)) {
      throw error("pg-version", Text.of("pg-version must be between %d and %d, got %d", LintOptions.OLDEST_PG_VERSION,
          LintOptions.NEWEST_PG_VERSION, pg));
    }
    String format = string(root, "format");
    if (format != null && !dev.lockstep.report.Reporters.exists(format)) {
      throw error("format", Text.of("format must be one of %s, got '%s'",
          String.join(", ", dev.lockstep.report.Reporters.names()), format));
    }
    Long maxLock = null;
    String maxLockText = string(root, "max-lock-timeout");
    if (maxLockText != null) {
      maxLock = Durations.millis(maxLockText).orElseThrow(() -> error("max-lock-timeout",
          Text.of("max-lock-timeout must be a duration such as '5s' or '500ms', got '%s'", maxLockText)));
    }
    Long maxFileBytes = null;
    String maxFileText = string(root, "max-file-size");
    if (maxFileText != null) {
      maxFileBytes = Limits.bytes(maxFileText).orElseThrow(() -> error("max-file-size",
          Text.of("max-file-size must be a size such as '16MiB' or '500k', got '%s'", maxFileText)));
      Text tooLarge = Limits.fileSizeLimitProblem(maxFileBytes);
      if (tooLarge != null) throw error("max-file-size", tooLarge);
    }
    Long maxParseMillis = null;
    String maxParseText = string(root, "max-parse-time");
    if (maxParseText != null) {
      maxParseMillis = Durations.millis(maxParseText).orElseThrow(() -> error("max-parse-time",
          Text.of("max-parse-time must be a duration such as '60s', got '%s'", maxParseText)));
    }
    Map<String, Severity> severities = new LinkedHashMap<>();
    JsonNode sev = rules.path("severity");
    if (!sev.isMissingNode()) {
      if (!sev.isObject()) throw error("severity", Text.of("rules.severity must map rule ids to error, warning or hint"));
      sev.properties().forEach(e -> {
        ruleId(e.getKey());
        severities.put(e.getKey(), severity(e.getKey(), e.getValue().asText()));
      });
    }
    Map<String, DeclaredRunner> frameworks = new LinkedHashMap<>();
    JsonNode fw = root.path("frameworks");
    if (!fw.isMissingNode()) {
      if (!fw.isObject()) throw error("frameworks", Text.of("frameworks must map path globs to framework names"));
      fw.properties().forEach(e -> frameworks.put(e.getKey(), declared(e.getKey(), e.getValue())));
    }
    JsonNode pendingNode = root.get("pending-from");
    if (pendingNode != null && (!pendingNode.isTextual() || pendingNode.asText().isBlank())) {
      // a bare number would lose Flyway's parts (1.10 reads as 1.1)
      throw error("pending-from", Text.of("pending-from must be a quoted version or migration name such as \"12\", \"1.10\" or "
          + "\"20240101120000_add_orders\", got %s", pendingNode.toString()));
    }
    String pendingFrom = pendingNode == null ? null : pendingNode.asText().strip();
    List<String> enable = ids(rules, "enable");
    List<String> disable = ids(rules, "disable");
    String fail = string(root, "fail-level");
    JsonNode smallRows = root.get("small-table-rows");
    if (smallRows != null && (!smallRows.isIntegralNumber() || smallRows.asLong() < 0)) {
      throw error("small-table-rows", Text.of("small-table-rows must be a whole number of rows, 0 or more, got %s",
          smallRows.toString()));
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
        String near = Suggestions.closest(key, known);
        throw error(key, near == null ? Text.of("unknown key '%s'", prefix + key)
            : Text.of("unknown key '%s'; did you mean '%s'?", prefix + key, near));
      }
    });
  }

  private List<String> ids(JsonNode rules, String key) {
    List<String> out = strings(rules, key);
    for (String id : out) ruleId(id);
    return out;
  }

  private void ruleId(String id) {
    if (ruleIds.contains(id)) return;
    String near = Suggestions.closest(id, ruleIds);
    throw error(id, near == null ? Text.of("unknown rule '%s'", id) : Text.of("unknown rule '%s'; did you mean '%s'?", id, near));
  }

  private Severity severity(String key, String value) {
    try {
      return Severity.parse(value);
    } catch (IllegalArgumentException e) {
      throw error(key, Text.of("%s must be error, warning or hint, got '%s'", key, value));
    }
  }

  private Integer integer(JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null) return null;
    if (!v.canConvertToInt() || !v.isIntegralNumber()) throw error(key, Text.of("%s must be a whole number, got %s", key, v.toString()));
    return v.asInt();
  }

  private String string(JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null) return null;
    if (!v.isTextual()) throw error(key, Text.of("%s must be a string, got %s", key, v.toString()));
    return v.asText();
  }

  private Boolean bool(JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null) return null;
    if (!v.isBoolean()) throw error(key, Text.of("%s must be true or false, got %s", key, v.toString()));
    return v.asBoolean();
  }

  private List<String> strings(JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null) return List.of();
    if (!v.isArray()) throw error(key, Text.of("%s must be a list of strings", key));
    List<String> out = new ArrayList<>();
    for (JsonNode item : v) {
      if (!item.isTextual()) throw error(key, Text.of("%s must be a list of strings, got %s", key, item.toString()));
      out.add(item.asText());
    }
    return out;
  }

  /** "file:line: message", the line being where {@code key} first appears (the file when unknown). */
  private ConfigException error(String key, Text message) {
    int line = key == null ? 0 : lineOf(key);
    return new ConfigException(line > 0 ? Text.of("%s:%d: %s", file.toString(), line, message)
        : Text.of("%s: %s", file.toString(), message), lang);
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
        String near = Suggestions.closest(value.asText(), frameworkIds());
        throw error(glob, near == null ? Text.of("unknown framework '%s' for '%s'", value.asText(), glob)
            : Text.of("unknown framework '%s' for '%s'; did you mean '%s'?", value.asText(), glob, near));
      }
      return DeclaredRunner.tool(glob, Framework.fromId(value.asText()));
    }
    if (!value.isObject()) {
      throw error(glob, Text.of("'%s' must be a framework name or a table such as { transaction = \"per-file\" }", glob));
    }
    unknownKeys(value, RUNNER_KEYS, "frameworks.\"" + glob + "\".");
    JsonNode transaction = value.get("transaction");
    Set<String> models = new java.util.TreeSet<>();
    for (DeclaredRunner.Transaction t : DeclaredRunner.Transaction.values()) models.add(t.id());
    if (transaction == null || !transaction.isTextual() || !models.contains(transaction.asText())) {
      String near = transaction == null ? null : Suggestions.closest(transaction.asText(), models);
      String one = String.join(", ", models);
      throw error(glob, transaction == null ? Text.of("'%s' needs transaction = one of %s", glob, one)
          : near == null ? Text.of("'%s' needs transaction = one of %s, got %s", glob, one, transaction.toString())
          : Text.of("'%s' needs transaction = one of %s, got %s; did you mean '%s'?", glob, one, transaction.toString(), near));
    }
    JsonNode optOut = value.get("no-transaction-line");
    if (optOut != null && (!optOut.isTextual() || optOut.asText().isBlank())) {
      throw error("no-transaction-line", Text.of("no-transaction-line must be the line (e.g. \"-- no transaction\") by which "
          + "a file runs without the runner's transaction, got %s", optOut.toString()));
    }
    return new DeclaredRunner(glob, Framework.CUSTOM, DeclaredRunner.Transaction.fromId(transaction.asText()),
        optOut == null ? null : optOut.asText());
  }
}
