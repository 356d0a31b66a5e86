package dev.lockstep.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** lockstep's version and the libpg_query release it parses with, from the build. */
public final class Version {
  private static final Properties PROPS = load();

  private Version() {}

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("/dev/lockstep/version.properties")) {
      if (in != null) p.load(in);
    } catch (IOException ignored) {
      // a missing version file only degrades --version
    }
    return p;
  }

  public static String current() {
    return PROPS.getProperty("version", "unknown");
  }

  /** The published rule docs, ending in '/': a rule's doc is this plus its id and ".md". */
  public static String docsUrl() {
    return PROPS.getProperty("docsUrl", "");
  }

  public static String homepage() {
    return PROPS.getProperty("homepage", "");
  }

  public static String libpgQuery() {
    return PROPS.getProperty("libpgQuery", "?");
  }
}
