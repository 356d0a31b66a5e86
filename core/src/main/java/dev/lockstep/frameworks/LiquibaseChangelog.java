package dev.lockstep.frameworks;

import dev.lockstep.i18n.Text;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lockstep.source.BoundedRead;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * A Liquibase master changelog expanded into the SQL files it runs, in Liquibase's order: its
 * {@code include}, {@code includeAll} and {@code sqlFile} entries from top to bottom, nested
 * changelogs (XML, YAML, JSON) expanded where they are included, {@code includeAll} taking a
 * folder's changelog files in the order of their paths. A path is relative to the including
 * changelog with {@code relativeToChangelogFile}, and otherwise to the search path (the folder the
 * master was configured in, or one of the changelog's parents where it exists). A formatted SQL
 * changelog holds changesets only: Liquibase 4.33 reads {@code --include} there as a comment.
 * The master is found as users configure it: {@code changeLogFile} / {@code changelog-file} in
 * liquibase.properties, Spring Boot's {@code spring.liquibase.change-log} (or its default
 * db/changelog/db.changelog-master.yaml), the common db/changelog/db.changelog-master.* names,
 * then any *changelog*.xml|yaml|yml|json beside the file or in a parent folder.
 *
 * @param master the master changelog
 * @param configured how the master was found, in words
 * @param entries the SQL files Liquibase runs, in order
 * @param problems why the expansion stopped (a changelog that does not parse, an include of a missing
 *     file), empty when it did not
 */
public record LiquibaseChangelog(Path master, Text configured, List<Entry> entries, List<Problem> problems) {
  /**
   * A SQL file Liquibase runs.
   *
   * @param settings the sqlFile change's settings, or null for an included changelog file (a formatted
   *     SQL file carries its own; a plain one runs whole, in one call, in a transaction)
   */
  public record Entry(Path file, SqlFileSettings settings) {}

  /** A {@code <sqlFile>}'s settings: its changeset's runInTransaction, its splitStatements and endDelimiter. */
  public record SqlFileSettings(boolean runInTransaction, boolean splitStatements, String endDelimiter) {}

  /** Where a changelog could not be read, 1-based. */
  public record Problem(Path file, int line, int column, Text message) {
    /** "path:line:col: message". */
    public String describe() {
      return file + ":" + line + ":" + column + ": " + message.english();
    }
  }

  private static final Pattern CHANGELOG = Pattern.compile("(?i).*changelog.*\\.(ya?ml|json|xml)$");
  private static final Set<String> INCLUDABLE = Set.of("sql", "yaml", "yml", "json", "xml");
  private static final List<String> MASTER_NAMES = List.of("db.changelog-master.yaml", "db.changelog-master.yml",
      "db.changelog-master.xml", "db.changelog-master.json", "db.changelog-master.sql");
  private static final List<String> PROPERTY_KEYS = List.of("changeLogFile", "changelog-file", "liquibase.changeLogFile",
      "liquibase.changelog-file", "liquibase.command.changelogFile", "liquibase.command.changelog-file");
  private static final long MAX_BYTES = 16L << 20;
  private static final int MAX_ENTRIES = 100_000;
  private static final int MAX_LEVELS = 10;

  /** The file's entry, or null when the master does not run it. */
  public Entry entry(Path file) {
    for (Entry e : entries) if (e.file().equals(file)) return e;
    return null;
  }

  /**
   * The master changelog that runs {@code file} (a canonical path), or one that could not be read
   * and so may: the nearest one configured in the file's folder or a parent, inside its repository.
   * Null when none is found.
   */
  public static LiquibaseChangelog including(Path file) {
    Path dir = file.getParent();
    Set<Path> seen = new HashSet<>();
    LiquibaseChangelog unreadable = null;
    for (int level = 0; dir != null && level < MAX_LEVELS; level++, dir = dir.getParent()) {
      for (var candidate : candidates(dir).entrySet()) {
        Path master = Canonical.of(candidate.getKey());
        if (!seen.add(master)) continue;
        LiquibaseChangelog log = read(master, candidate.getValue(), dir);
        if (log.entry(file) != null) return log;
        if (!log.problems().isEmpty() && unreadable == null && (log.mentions(file) || candidate.getValue() != null)) {
          unreadable = log;
        }
      }
      if (Files.exists(dir.resolve(".git"))) break; // a project's configuration stays inside its repository
    }
    return unreadable;
  }

  /** The file is in a folder the expansion reached, or a changelog read names it. */
  private boolean mentions(Path file) {
    String name = file.getFileName().toString();
    if (entries.stream().anyMatch(e -> e.file().getParent().equals(file.getParent()))) return true;
    for (Problem p : problems) {
      try {
        if (p.message().english().contains(name) || new String(BoundedRead.file(p.file(), MAX_BYTES), StandardCharsets.UTF_8).contains(name)) {
          return true;
        }
      } catch (IOException e) {
        // a changelog that cannot be read names nothing
      }
    }
    return false;
  }

  /** The masters configured in {@code dir}, each with how (null for a changelog found by its name alone). */
  private static Map<Path, Text> candidates(Path dir) {
    Map<Path, Text> out = new LinkedHashMap<>();
    Path properties = dir.resolve("liquibase.properties");
    if (Files.isRegularFile(properties)) {
      String value = property(properties, PROPERTY_KEYS);
      Path master = value == null ? null : onSearchPath(dir, value);
      if (master != null) out.put(master, Text.of("liquibase.properties changeLogFile %s", value));
    }
    Path resources = dir.resolve("src/main/resources");
    for (String name : List.of("application.properties", "application.yml", "application.yaml")) {
      Path config = resources.resolve(name);
      if (!Files.isRegularFile(config)) continue;
      String value = name.endsWith(".properties") ? property(config, List.of("spring.liquibase.change-log"))
          : springYaml(config);
      Path master = value == null ? null : onSearchPath(resources, value);
      if (master != null) out.put(master, Text.of("%s spring.liquibase.change-log %s", name, value));
    }
    for (String base : List.of("src/main/resources/db/changelog", "db/changelog", ".")) {
      for (String name : MASTER_NAMES) {
        Path master = dir.resolve(base).resolve(name).normalize();
        if (Files.isRegularFile(master)) out.putIfAbsent(master, Text.of("the usual master changelog name %s", name));
      }
    }
    try (Stream<Path> list = Files.list(dir)) {
      list.filter(p -> CHANGELOG.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p)).sorted()
          .forEach(p -> out.putIfAbsent(p, null));
    } catch (IOException e) {
      // an unreadable folder configures nothing
    }
    return out;
  }

  private static String property(Path file, List<String> keys) {
    Properties p = new Properties();
    try (var in = new StringReader(new String(BoundedRead.file(file, 1L << 20), StandardCharsets.UTF_8))) {
      p.load(in);
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
    for (String key : keys) {
      String value = p.getProperty(key);
      if (value != null && !value.isBlank()) return value.strip();
    }
    return null;
  }

  private static String springYaml(Path file) {
    try {
      JsonNode root = new YAMLMapper().readTree(BoundedRead.file(file, 1L << 20));
      JsonNode value = root == null ? null : root.path("spring").path("liquibase").path("change-log");
      return value != null && value.isTextual() ? value.asText() : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** A configured changelog path ("classpath:/db/x.yaml", "db/x.yaml") from a search-path folder. */
  private static Path onSearchPath(Path root, String value) {
    if (value.contains("${")) return null; // a property resolved at run time
    String relative = value.replaceFirst("^classpath\\*?:", "").replaceFirst("^/+", "");
    for (Path base : List.of(root, root.resolve("src/main/resources"))) {
      try {
        Path p = base.resolve(relative).normalize();
        if (Files.isRegularFile(p)) return p;
      } catch (java.nio.file.InvalidPathException e) {
        return null;
      }
    }
    return null;
  }

  /** Expands the master; {@code searchRoot} is where non-relative paths are looked for first. */
  public static LiquibaseChangelog read(Path master, Text configured, Path searchRoot) {
    Cached cached = CACHE.get(new Key(master, configured, searchRoot));
    if (cached != null && cached.stamps().equals(stamps(cached.stamps().keySet()))) return cached.changelog();
    Expansion expansion = new Expansion(searchRoot);
    try {
      expansion.changelog(master);
    } catch (IOException | java.io.UncheckedIOException e) {
      expansion.problems.add(new Problem(master, 1, 1, Text.of("the changelog cannot be read (%s)", String.valueOf(e.getMessage()))));
    }
    LiquibaseChangelog log = new LiquibaseChangelog(master, configured, expansion.entries, expansion.problems);
    if (log.problems().isEmpty()) { // nothing partial is kept
      if (CACHE.size() >= MAX_CACHED) CACHE.clear();
      CACHE.put(new Key(master, configured, searchRoot), new Cached(log, stamps(expansion.watched)));
    }
    return log;
  }

  /**
   * Expansions already made, each valid while the changelogs it read and the folders it listed are
   * unchanged: every file of a project asks for the same master.
   */
  private static final Map<Key, Cached> CACHE = new java.util.concurrent.ConcurrentHashMap<>();
  private static final int MAX_CACHED = 64;

  private record Key(Path master, Text configured, Path searchRoot) {}

  private record Cached(LiquibaseChangelog changelog, Map<Path, String> stamps) {}

  /** Each path's modification time and size, or "missing". */
  private static Map<Path, String> stamps(Set<Path> paths) {
    Map<Path, String> out = new java.util.HashMap<>();
    for (Path p : paths) {
      try {
        var attrs = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class);
        out.put(p, attrs.lastModifiedTime().toMillis() + ":" + attrs.size());
      } catch (IOException e) {
        out.put(p, "missing");
      }
    }
    return out;
  }

  /** One changelog expanded into the SQL files it runs, in order. */
  private static final class Expansion {
    final List<Entry> entries = new ArrayList<>();
    final List<Problem> problems = new ArrayList<>();
    private final Set<Path> visiting = new HashSet<>();
    /** The changelogs read and the folders listed: what the expansion depends on. */
    final Set<Path> watched = new HashSet<>();
    private final Path searchRoot;

    Expansion(Path searchRoot) {
      this.searchRoot = searchRoot;
    }

    void changelog(Path changelog) throws IOException {
      if (!visiting.add(changelog)) return; // a changelog that includes itself: Liquibase runs it once
      watched.add(changelog);
      String ext = extension(changelog);
      if (ext.equals("sql")) {
        entries.add(new Entry(changelog, null));
        return;
      }
      String text = new String(BoundedRead.file(changelog, MAX_BYTES), StandardCharsets.UTF_8);
      if (text.startsWith("\uFEFF")) text = text.substring(1);
      List<Item> items;
      try {
        items = ext.equals("xml") ? xml(text) : tree(ext.equals("json") ? new ObjectMapper() : new YAMLMapper(), text);
      } catch (Unreadable e) {
        problems.add(new Problem(changelog, e.line, e.column, Text.of("the changelog does not parse: %s",
            e.getMessage().replaceAll("\\s+", " ").strip())));
        return;
      }
      for (Item item : items) {
        Path target = resolve(changelog, item);
        if (target != null) watched.add(target);
        if (target == null) {
          if (item.kind() == Kind.INCLUDE_ALL && !item.errorIfMissing()) continue;
          Text missing = switch (item.kind()) {
            case INCLUDE -> Text.of("included file %s does not exist: Liquibase stops there", item.path());
            case INCLUDE_ALL -> Text.of("includeAll folder %s does not exist: Liquibase stops there", item.path());
            case SQL_FILE -> Text.of("sqlFile %s does not exist: Liquibase stops there", item.path());
          };
          problems.add(at(changelog, text, item.path(), missing));
          return;
        }
        switch (item.kind()) {
          case SQL_FILE -> entries.add(new Entry(target, item.settings()));
          case INCLUDE -> changelog(target);
          case INCLUDE_ALL -> {
            List<Path> inside;
            try (Stream<Path> walk = Files.walk(target)) {
              List<Path> all = walk.toList();
              all.stream().filter(Files::isDirectory).forEach(watched::add); // a file added there changes the order
              inside = all.stream().filter(Files::isRegularFile).filter(p -> INCLUDABLE.contains(extension(p))).sorted().toList();
            }
            for (Path p : inside) changelog(p.normalize());
          }
          default -> { }
        }
        if (!problems.isEmpty() || entries.size() > MAX_ENTRIES) return;
      }
    }

    private Path resolve(Path changelog, Item item) {
      Path dir = changelog.getParent();
      try {
        if (item.relative()) {
          Path p = dir.resolve(item.path()).normalize();
          return Files.exists(p) ? Canonical.of(p) : null;
        }
        String relative = item.path().replaceFirst("^classpath\\*?:", "").replaceFirst("^/+", "");
        if (searchRoot != null && Files.exists(searchRoot.resolve(relative))) return Canonical.of(searchRoot.resolve(relative).normalize());
        for (int i = 0; dir != null && i < MAX_LEVELS; i++, dir = dir.getParent()) {
          Path p = dir.resolve(relative).normalize();
          if (Files.exists(p)) return Canonical.of(p);
        }
      } catch (java.nio.file.InvalidPathException e) {
        return null;
      }
      return null;
    }
  }

  private static String extension(Path p) {
    String name = p.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /** A problem where the changelog names {@code path}, or at 1:1. */
  private static Problem at(Path file, String text, String path, Text message) {
    int offset = Math.max(0, text.indexOf(path));
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new Problem(file, line, offset - lineStart + 1, message);
  }

  private enum Kind { INCLUDE, INCLUDE_ALL, SQL_FILE }

  private record Item(Kind kind, String path, boolean relative, boolean errorIfMissing, SqlFileSettings settings) {}

  private static final class Unreadable extends Exception {
    final int line;
    final int column;

    Unreadable(String message, int line, int column) {
      super(message);
      this.line = Math.max(1, line);
      this.column = Math.max(1, column);
    }
  }

  /** The entries of a YAML or JSON changelog ({@code databaseChangeLog: [ {include: {file: ...}} ]}). */
  private static List<Item> tree(ObjectMapper mapper, String text) throws Unreadable {
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException yaml && yaml.getProblemMark() != null) {
        // the YAML parser's own words and place, without its excerpt of the text
        throw new Unreadable(yaml.getProblem(), yaml.getProblemMark().getLine() + 1, yaml.getProblemMark().getColumn() + 1);
      }
      JsonLocation at = e.getLocation();
      throw new Unreadable(e.getOriginalMessage(), at == null ? 1 : at.getLineNr(), at == null ? 1 : at.getColumnNr());
    }
    JsonNode log = root == null ? null : root.get("databaseChangeLog");
    if (log == null || !log.isArray()) throw new Unreadable("no databaseChangeLog list", 1, 1);
    List<Item> out = new ArrayList<>();
    for (JsonNode item : log) {
      JsonNode inc = item.get("include");
      if (inc != null && inc.hasNonNull("file")) {
        out.add(new Item(Kind.INCLUDE, inc.get("file").asText(), bool(inc.get("relativeToChangelogFile"), false), true, null));
      }
      JsonNode all = item.get("includeAll");
      if (all != null && all.hasNonNull("path")) {
        out.add(new Item(Kind.INCLUDE_ALL, all.get("path").asText(), bool(all.get("relativeToChangelogFile"), false),
            bool(all.get("errorIfMissingOrEmpty"), true), null));
      }
      JsonNode changeSet = item.get("changeSet");
      if (changeSet == null) continue;
      boolean inTransaction = bool(changeSet.get("runInTransaction"), true);
      for (JsonNode change : changeSet.path("changes")) {
        JsonNode sql = change.get("sqlFile");
        if (sql == null || !sql.hasNonNull("path")) continue;
        out.add(new Item(Kind.SQL_FILE, sql.get("path").asText(), bool(sql.get("relativeToChangelogFile"), false), true,
            new SqlFileSettings(inTransaction, bool(sql.get("splitStatements"), true),
                sql.hasNonNull("endDelimiter") ? sql.get("endDelimiter").asText() : null)));
      }
    }
    return out;
  }

  private static boolean bool(JsonNode node, boolean otherwise) {
    if (node == null || node.isNull()) return otherwise;
    return node.isBoolean() ? node.asBoolean() : Boolean.parseBoolean(node.asText().strip());
  }

  /** The entries of an XML changelog ({@code <include file>}, {@code <includeAll path>}, {@code <sqlFile path>}). */
  private static List<Item> xml(String text) throws Unreadable {
    Document doc;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true); // no external entities
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      factory.setNamespaceAware(true);
      var builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null); // errors are thrown, not printed
      doc = builder.parse(new InputSource(new StringReader(text)));
    } catch (SAXParseException e) {
      throw new Unreadable(e.getMessage(), e.getLineNumber(), e.getColumnNumber());
    } catch (SAXException | IOException | ParserConfigurationException e) {
      throw new Unreadable(String.valueOf(e.getMessage()), 1, 1);
    }
    List<Item> out = new ArrayList<>();
    NodeList children = doc.getDocumentElement().getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      Node n = children.item(i);
      if (!(n instanceof Element e)) continue;
      String name = name(e);
      boolean relative = Boolean.parseBoolean(e.getAttribute("relativeToChangelogFile").strip());
      if (name.equals("include") && !e.getAttribute("file").isEmpty()) {
        out.add(new Item(Kind.INCLUDE, e.getAttribute("file"), relative, true, null));
      }
      if (name.equals("includeAll") && !e.getAttribute("path").isEmpty()) {
        out.add(new Item(Kind.INCLUDE_ALL, e.getAttribute("path"), relative,
            !e.getAttribute("errorIfMissingOrEmpty").strip().equalsIgnoreCase("false"), null));
      }
      if (name.equals("changeSet")) {
        boolean inTransaction = !e.getAttribute("runInTransaction").strip().equalsIgnoreCase("false");
        NodeList changes = e.getChildNodes();
        for (int j = 0; j < changes.getLength(); j++) {
          if (!(changes.item(j) instanceof Element c) || !name(c).equals("sqlFile") || c.getAttribute("path").isEmpty()) continue;
          out.add(new Item(Kind.SQL_FILE, c.getAttribute("path"),
              Boolean.parseBoolean(c.getAttribute("relativeToChangelogFile").strip()), true,
              new SqlFileSettings(inTransaction, !c.getAttribute("splitStatements").strip().equalsIgnoreCase("false"),
                  c.hasAttribute("endDelimiter") ? c.getAttribute("endDelimiter") : null)));
        }
      }
    }
    return out;
  }

  private static String name(Element e) {
    return e.getLocalName() == null ? e.getTagName() : e.getLocalName();
  }
}
