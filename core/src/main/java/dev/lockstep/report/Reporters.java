package dev.lockstep.report;

import java.util.LinkedHashMap;
import java.util.Map;
import dev.lockstep.i18n.Catalog;
import java.util.function.Function;

/** Every output format by name; --format and --output read this list. */
public final class Reporters {
  private static final Map<String, Function<Catalog, Reporter>> FORMATS = new LinkedHashMap<>();

  static {
    FORMATS.put("text", c -> new TextReporter(false, c));
    FORMATS.put("json", c -> localized(new JsonReporter(), c));
    FORMATS.put("sarif", SarifReporter::new);
    FORMATS.put("github", c -> localized(new GithubReporter(), c));
    FORMATS.put("gitlab", c -> localized(new GitlabReporter(), c));
    FORMATS.put("junit", c -> localized(new JunitReporter(), c));
    FORMATS.put("checkstyle", c -> localized(new CheckstyleReporter(), c));
    FORMATS.put("gcc", c -> localized(new GccReporter(), c));
  }

  private Reporters() {}

  public static Iterable<String> names() {
    return FORMATS.keySet();
  }

  public static boolean exists(String name) {
    return FORMATS.containsKey(name);
  }

  public static Reporter create(String name) {
    return create(name, Catalog.ENGLISH);
  }

  /** The format writing its messages in the catalogue's language. */
  public static Reporter create(String name, Catalog catalog) {
    Function<Catalog, Reporter> s = FORMATS.get(name);
    if (s == null) throw new IllegalArgumentException("unknown format '" + name + "'");
    return s.apply(catalog);
  }

  private static Reporter localized(Reporter format, Catalog catalog) {
    return (report, out) -> format.write(Localized.report(report, catalog), out);
  }
}
