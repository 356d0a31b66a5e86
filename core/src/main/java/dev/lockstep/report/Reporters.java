package dev.lockstep.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Every output format by name; --format and --output read this list. */
public final class Reporters {
  private static final Map<String, Supplier<Reporter>> FORMATS = new LinkedHashMap<>();

  static {
    FORMATS.put("text", () -> new TextReporter(false));
    FORMATS.put("json", JsonReporter::new);
    FORMATS.put("sarif", SarifReporter::new);
    FORMATS.put("github", GithubReporter::new);
    FORMATS.put("gitlab", GitlabReporter::new);
    FORMATS.put("junit", JunitReporter::new);
    FORMATS.put("checkstyle", CheckstyleReporter::new);
    FORMATS.put("gcc", GccReporter::new);
  }

  private Reporters() {}

  public static Iterable<String> names() {
    return FORMATS.keySet();
  }

  public static boolean exists(String name) {
    return FORMATS.containsKey(name);
  }

  public static Reporter create(String name) {
    Supplier<Reporter> s = FORMATS.get(name);
    if (s == null) throw new IllegalArgumentException("unknown format '" + name + "'");
    return s.get();
  }
}
