package dev.lockstep.history;

import dev.lockstep.i18n.Text;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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
 * Liquibase's order: the master changelog's {@code include} and {@code includeAll} entries from top
 * to bottom, nested changelogs expanded where they are included; {@code includeAll} takes a folder's
 * files in alphabetical order of their paths. A path is relative to the including changelog when
 * {@code relativeToChangelogFile} is true, and otherwise to the search path (here: the changelog's
 * folder or the nearest parent where it exists). The master changelog is the nearest
 * {@code *changelog*.yaml|yml|json|xml} in the file's folder or a parent that includes the file.
 * Source: Liquibase's documentation (include, includeAll).
 */
final class LiquibaseOrder {
  private static final Pattern CHANGELOG = Pattern.compile("(?i).*changelog.*\\.(ya?ml|json|xml)$");
  private static final Set<String> INCLUDABLE = Set.of("sql", "yaml", "yml", "json", "xml");

  private LiquibaseOrder() {}

  static MigrationOrder of(Path file) throws IOException {
    Path dir = file.getParent();
    for (int i = 0; dir != null && i < 8; i++, dir = dir.getParent()) {
      List<Path> changelogs;
      try (Stream<Path> list = Files.list(dir)) {
        changelogs = list.filter(p -> CHANGELOG.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p))
            .sorted().toList();
      }
      for (Path changelog : changelogs) {
        Expansion expansion = new Expansion();
        expansion.changelog(changelog);
        if (!expansion.problems.isEmpty()) {
          // a changelog that cannot be expanded: its problem is this file's when it names the file
          if (expansion.mentions(file)) return new MigrationOrder(List.of(), expansion.problems);
          continue;
        }
        if (expansion.files.contains(file)) {
          List<Migration> out = new ArrayList<>();
          for (Path p : expansion.files) out.add(new Migration(p, dir.relativize(p).toString(), dir.relativize(p).toString(), null));
          return MigrationOrder.of(out);
        }
      }
    }
    return MigrationOrder.NONE;
  }

  /** One changelog expanded into the SQL files it runs, in order. */
  private static final class Expansion {
    final List<Path> files = new ArrayList<>();
    final List<HistoryProblem> problems = new ArrayList<>();
    private final Set<Path> visiting = new HashSet<>();
    private final List<String> texts = new ArrayList<>();

    /** Whether the file is among those expanded so far, or its name is in a changelog read. */
    boolean mentions(Path file) {
      String name = file.getFileName().toString();
      return files.contains(file) || texts.stream().anyMatch(t -> t.contains(name));
    }

    void changelog(Path changelog) throws IOException {
      if (!visiting.add(changelog)) return; // a changelog that includes itself: Liquibase runs it once
      String text = Files.readString(changelog);
      if (text.startsWith("\uFEFF")) text = text.substring(1);
      texts.add(text);
      List<Include> includes;
      try {
        includes = changelog.toString().toLowerCase(Locale.ROOT).endsWith(".xml") ? xml(text) : tree(changelog, text);
      } catch (Unreadable e) {
        problems.add(new HistoryProblem(changelog, e.line, e.column, Text.of("the changelog does not parse: %s", String.valueOf(e.getMessage()))));
        return;
      }
      for (Include inc : includes) {
        Path target = resolve(changelog, inc);
        if (target == null) {
          problems.add(TextPositions.problemAt(changelog, text, Pattern.compile(Pattern.quote(inc.path())),
              inc.all() ? Text.of("includeAll folder %s does not exist: Liquibase stops there", inc.path())
                  : Text.of("included file %s does not exist: Liquibase stops there", inc.path())));
          return;
        }
        if (inc.all()) {
          List<Path> inside;
          try (Stream<Path> walk = Files.walk(target)) {
            inside = walk.filter(Files::isRegularFile).filter(p -> INCLUDABLE.contains(extension(p))).sorted().toList();
          }
          for (Path p : inside) add(p);
        } else {
          add(target);
        }
        if (!problems.isEmpty()) return;
      }
    }

    private void add(Path p) throws IOException {
      if (extension(p).equals("sql")) files.add(p.normalize());
      else changelog(p.normalize());
    }

    private static String extension(Path p) {
      String name = p.getFileName().toString();
      int dot = name.lastIndexOf('.');
      return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static Path resolve(Path changelog, Include inc) {
      Path dir = changelog.getParent();
      if (inc.relative()) {
        Path p = dir.resolve(inc.path()).normalize();
        return Files.exists(p) ? p : null;
      }
      for (int i = 0; dir != null && i < 8; i++, dir = dir.getParent()) {
        Path p = dir.resolve(inc.path().replaceFirst("^(classpath:)?/", "")).normalize();
        if (Files.exists(p)) return p;
      }
      return null;
    }
  }

  private record Include(String path, boolean all, boolean relative) {}

  private static final class Unreadable extends Exception {
    final int line;
    final int column;

    Unreadable(String message, int line, int column) {
      super(message);
      this.line = Math.max(1, line);
      this.column = Math.max(1, column);
    }
  }

  /** The includes of a YAML or JSON changelog ({@code databaseChangeLog: [ {include: {file: ...}} ]}). */
  private static List<Include> tree(Path changelog, String text) throws Unreadable {
    ObjectMapper mapper = changelog.toString().toLowerCase(Locale.ROOT).endsWith(".json") ? new ObjectMapper() : new YAMLMapper();
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new Unreadable(e.getOriginalMessage(), at == null ? 1 : at.getLineNr(), at == null ? 1 : at.getColumnNr());
    }
    JsonNode log = root == null ? null : root.get("databaseChangeLog");
    if (log == null || !log.isArray()) throw new Unreadable("no databaseChangeLog list", 1, 1);
    List<Include> out = new ArrayList<>();
    for (JsonNode item : log) {
      JsonNode inc = item.get("include");
      if (inc != null && inc.hasNonNull("file")) {
        out.add(new Include(inc.get("file").asText(), false, inc.path("relativeToChangelogFile").asBoolean(false)));
      }
      JsonNode all = item.get("includeAll");
      if (all != null && all.hasNonNull("path")) {
        out.add(new Include(all.get("path").asText(), true, all.path("relativeToChangelogFile").asBoolean(false)));
      }
    }
    return out;
  }

  /** The includes of an XML changelog ({@code <include file="..."/>}, {@code <includeAll path="..."/>}). */
  private static List<Include> xml(String text) throws Unreadable {
    Document doc;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true); // no external entities
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      factory.setNamespaceAware(true);
      doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
    } catch (SAXParseException e) {
      throw new Unreadable(e.getMessage(), e.getLineNumber(), e.getColumnNumber());
    } catch (SAXException | IOException | ParserConfigurationException e) {
      throw new Unreadable(String.valueOf(e.getMessage()), 1, 1);
    }
    List<Include> out = new ArrayList<>();
    NodeList children = doc.getDocumentElement().getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      Node n = children.item(i);
      if (!(n instanceof Element e)) continue;
      String name = e.getLocalName() == null ? e.getTagName() : e.getLocalName();
      boolean relative = Boolean.parseBoolean(e.getAttribute("relativeToChangelogFile"));
      if (name.equals("include") && !e.getAttribute("file").isEmpty()) out.add(new Include(e.getAttribute("file"), false, relative));
      if (name.equals("includeAll") && !e.getAttribute("path").isEmpty()) out.add(new Include(e.getAttribute("path"), true, relative));
    }
    return out;
  }
}
