import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks what a release build (mvn -Prelease -Drevision=VERSION package) made against what Maven
 * Central requires of each module it publishes: a POM with the version itself (no ${revision}, no
 * SNAPSHOT), name, description, url, a licence with name and url, a developer, SCM connection and url
 * (a module may inherit them from the parent POM, which is published too), and beside each jar a
 * sources jar and a javadoc jar; with --signed, the .asc signature maven-gpg-plugin writes beside
 * each jar and POM.
 *
 * <p>Run from the repository root: {@code java .ci/CheckReleasePoms.java VERSION [--signed]}.
 * Modules that set maven.deploy.skip are not published and not checked.
 */
public class CheckReleasePoms {
  static final List<String> problems = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: java .ci/CheckReleasePoms.java VERSION [--signed]");
      System.exit(2);
    }
    String version = args[0];
    boolean signed = args.length > 1 && args[1].equals("--signed");
    Element root = read(Path.of("pom.xml"));
    Element parent = read(Path.of("target", ".flattened-pom.xml"));
    int checked = 1;
    checkPom("lockstep-parent", parent, null, version);
    checkSigned(Path.of("target", "lockstep-parent-" + version + ".pom"), signed);
    for (Element module : children(child(root, "modules"), "module")) {
      Path dir = Path.of(module.getTextContent().strip());
      Element source = read(dir.resolve("pom.xml"));
      if ("true".equals(text(child(source, "properties"), "maven.deploy.skip"))) continue;
      Path flattened = dir.resolve("target").resolve(".flattened-pom.xml");
      Element pom = read(flattened);
      String artifact = text(pom, "artifactId");
      checkPom(artifact, pom, parent, version);
      checkSigned(dir.resolve("target").resolve(artifact + "-" + version + ".pom"), signed);
      String packaging = text(pom, "packaging");
      if (!"pom".equals(packaging)) {
        for (String classifier : new String[] {"", "-sources", "-javadoc"}) {
          Path jar = dir.resolve("target").resolve(artifact + "-" + version + classifier + ".jar");
          if (!Files.isRegularFile(jar) || Files.size(jar) < 200) problems.add(jar + ": missing or empty");
          else checkSigned(jar, signed);
        }
      }
      checked++;
    }
    if (!problems.isEmpty()) {
      problems.forEach(p -> System.err.println("release: " + p));
      System.exit(1);
    }
    System.out.println("release: " + checked + " POMs and their jars carry what Maven Central requires (version " + version + ")");
  }

  static void checkPom(String name, Element pom, Element parent, String version) {
    String v = text(pom, "version");
    if (!version.equals(v)) problems.add(name + ": version is " + v + ", expected " + version);
    if (parent != null && !version.equals(text(child(pom, "parent"), "version"))) {
      problems.add(name + ": parent version is not " + version);
    }
    for (String element : new String[] {"name", "description", "url"}) {
      if (text(pom, element) == null && (parent == null || text(parent, element) == null)) {
        problems.add(name + ": no <" + element + ">");
      }
    }
    requireNested(name, pom, parent, "licenses", "license", "name", "url");
    requireNested(name, pom, parent, "developers", "developer", "name");
    Element scm = child(pom, "scm") != null ? child(pom, "scm") : parent == null ? null : child(parent, "scm");
    if (scm == null || text(scm, "connection") == null || text(scm, "url") == null) {
      problems.add(name + ": no <scm> with <connection> and <url>");
    }
  }

  /** A list element (licenses/license) whose first entry has the given children, here or in the parent. */
  static void requireNested(String name, Element pom, Element parent, String list, String entry, String... fields) {
    Element holder = child(pom, list) != null ? child(pom, list) : parent == null ? null : child(parent, list);
    List<Element> entries = holder == null ? List.of() : children(holder, entry);
    if (entries.isEmpty()) {
      problems.add(name + ": no <" + list + "><" + entry + ">");
      return;
    }
    for (String field : fields) {
      if (text(entries.get(0), field) == null) problems.add(name + ": <" + entry + "> without <" + field + ">");
    }
  }

  static void checkSigned(Path file, boolean signed) {
    if (signed && !Files.isRegularFile(Path.of(file + ".asc"))) problems.add(file + ": no .asc signature");
  }

  static Element read(Path file) throws Exception {
    if (!Files.isRegularFile(file)) {
      System.err.println("release: " + file + " is missing: run mvn -Prelease -Drevision=VERSION package first");
      System.exit(1);
    }
    var factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
  }

  static Element child(Element parent, String name) {
    if (parent == null) return null;
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) return e;
    }
    return null;
  }

  static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    if (parent == null) return out;
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) out.add(e);
    }
    return out;
  }

  static String text(Element parent, String name) {
    Element e = child(parent, name);
    if (e == null) return null;
    String t = e.getTextContent().strip();
    return t.isEmpty() ? null : t;
  }
}
