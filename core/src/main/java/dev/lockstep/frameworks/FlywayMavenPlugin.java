package dev.lockstep.frameworks;

import dev.lockstep.i18n.Text;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The Flyway settings of a Maven project: the {@code flyway-maven-plugin}'s {@code <configuration>}
 * ({@code <locations>}, {@code <mixed>}, {@code <pluginConfiguration><postgresql.transactional.lock>}),
 * then the project's {@code flyway.*} properties over it, as the plugin reads them. Its
 * {@code <configFiles>} are returned for the caller to read over both. {@code ${name}} is resolved from
 * the project's properties and {@code project.basedir}; anything else is a note, and Flyway's default holds.
 */
final class FlywayMavenPlugin {
  private static final String ARTIFACT = "flyway-maven-plugin";
  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]*)}");
  /**
   * The key Flyway's documentation gives for the plugin is one the plugin itself rejects (checked with
   * flyway-maven-plugin 13: it passes pluginConfiguration's keys on as flyway.&lt;key&gt;).
   */
  static final String REJECTED = "are rejected by the flyway-maven-plugin: %s is not a property it knows (\"%s\"), "
      + "and it migrates nothing; write %s instead";
  static final String COMPUTED = "%s:%d: the Flyway setting %s is %s, which lockstep does not resolve; Flyway's default is assumed";

  private FlywayMavenPlugin() {}

  /** The values of the pom {@code text}, or null when it has no Flyway plugin and no flyway.* property. */
  static FlywayValues read(Path pom, String text) throws FlywayConfigFile.Unparsable {
    Element project = parse(text).getDocumentElement();
    Path base = pom.toAbsolutePath().getParent();
    Map<String, String> properties = new HashMap<>();
    Element props = child(project, "properties");
    if (props != null) for (Element p : children(props)) properties.put(p.getTagName(), p.getTextContent().strip());
    properties.put("project.basedir", base.toString());
    properties.put("basedir", base.toString());
    Resolver resolve = new Resolver(pom, text, properties);

    FlywayValues values = null;
    for (Element plugin : plugins(project)) {
      List<Element> configurations = new ArrayList<>();
      if (child(plugin, "configuration") != null) configurations.add(child(plugin, "configuration"));
      Element executions = child(plugin, "executions");
      if (executions != null) {
        for (Element e : children(executions)) if (child(e, "configuration") != null) configurations.add(child(e, "configuration"));
      }
      for (Element config : configurations) {
        FlywayValues read = configuration(config, base, resolve);
        values = values == null ? read : read.over(values);
      }
      if (values == null) values = FlywayValues.of(null, null, null, base);
    }
    FlywayValues fromProperties = FlywayValues.of(resolve.value("flyway.mixed", properties.get("flyway.mixed")),
        resolve.value("flyway.postgresql.transactional.lock", properties.get("flyway.postgresql.transactional.lock")),
        FlywayValues.split(resolve.value("flyway.locations", properties.get("flyway.locations"))), base);
    if (values == null) return fromProperties.isEmpty() ? null : fromProperties.over(resolve.notes(base));
    return fromProperties.over(values).over(resolve.notes(base));
  }

  private static FlywayValues configuration(Element config, Path base, Resolver resolve) throws FlywayConfigFile.Unparsable {
    String mixed = resolve.value("mixed", text(child(config, "mixed")));
    Element plugins = child(config, "pluginConfiguration");
    if (plugins != null && child(plugins, "postgresqlTransactionalLock") != null) {
      throw new FlywayConfigFile.Unparsable(Text.of(REJECTED, "<pluginConfiguration><postgresqlTransactionalLock>",
          "Unknown configuration property: flyway.postgresqlTransactionalLock",
          "<pluginConfiguration><postgresql.transactional.lock>false</postgresql.transactional.lock></pluginConfiguration>"));
    }
    String lock = resolve.value("postgresql.transactional.lock",
        text(plugins == null ? null : child(plugins, "postgresql.transactional.lock")));
    List<String> locations = resolve.list("locations", child(config, "locations"));
    List<String> configFiles = resolve.list("configFiles", child(config, "configFiles"));
    return new FlywayValues(mixed, lock, locations, base, configFiles == null ? List.of() : configFiles, List.of());
  }

  private static List<Element> plugins(Element project) {
    List<Element> out = new ArrayList<>();
    var all = project.getElementsByTagName("plugin");
    for (int i = 0; i < all.getLength(); i++) {
      Element plugin = (Element) all.item(i);
      if (ARTIFACT.equals(text(child(plugin, "artifactId")))) out.add(plugin);
    }
    return out;
  }

  /** Expressions resolved from the project's properties; the others become notes. */
  private static final class Resolver {
    private final Path pom;
    private final String text;
    private final Map<String, String> properties;
    private final List<Text> notes = new ArrayList<>();

    Resolver(Path pom, String text, Map<String, String> properties) {
      this.pom = pom;
      this.text = text;
      this.properties = properties;
    }

    String value(String setting, String raw) {
      if (raw == null) return null;
      Matcher m = EXPRESSION.matcher(raw);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String v = properties.get(m.group(1));
        if (v == null || EXPRESSION.matcher(v).find()) {
          int at = text.indexOf(m.group());
          int line = at < 0 ? 1 : (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
          notes.add(Text.of(COMPUTED, pom.getFileName().toString(), line, setting, m.group()));
          return null;
        }
        m.appendReplacement(out, Matcher.quoteReplacement(v));
      }
      m.appendTail(out);
      return out.toString().strip();
    }

    /** A list parameter: one element per value, or one comma-separated value (Maven accepts both). */
    List<String> list(String setting, Element parameter) {
      if (parameter == null) return null;
      List<Element> items = children(parameter);
      if (items.isEmpty()) return FlywayValues.split(value(setting, parameter.getTextContent()));
      List<String> out = new ArrayList<>();
      for (Element item : items) {
        String v = value(setting, item.getTextContent());
        if (v == null) return null;
        if (!v.isEmpty()) out.add(v);
      }
      return out;
    }

    FlywayValues notes(Path base) {
      return new FlywayValues(null, null, null, base, List.of(), notes);
    }
  }

  private static Document parse(String text) throws FlywayConfigFile.Unparsable {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      // a pom never needs a DTD: refusing one keeps entities (and files they name) out
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      var builder = factory.newDocumentBuilder();
      builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler()); // errors throw, nothing printed
      return builder.parse(new InputSource(new StringReader(text)));
    } catch (SAXParseException e) {
      throw new FlywayConfigFile.Unparsable(Text.of("cannot be parsed: %s at line %d",
          String.valueOf(e.getMessage()).replaceFirst("\\.$", ""), e.getLineNumber()));
    } catch (SAXException | IOException | ParserConfigurationException e) {
      throw new FlywayConfigFile.Unparsable(String.valueOf(e.getMessage()));
    }
  }

  private static Element child(Element parent, String name) {
    for (Element e : children(parent)) if (e.getTagName().equals(name)) return e;
    return null;
  }

  private static List<Element> children(Element parent) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) if (n instanceof Element e) out.add(e);
    return out;
  }

  private static String text(Element e) {
    return e == null ? null : e.getTextContent().strip();
  }
}
