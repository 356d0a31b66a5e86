package dev.lockstep.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version, from the build. */
public final class Version implements CommandLine.IVersionProvider {
  private static final Properties PROPS = load();

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in != null) p.load(in);
    } catch (IOException ignored) {
      // a missing version file only degrades --version
    }
    return p;
  }

  public static String current() {
    return PROPS.getProperty("version", "unknown");
  }

  @Override
  public String[] getVersion() {
    return new String[] {"lockstep " + current() + " (PostgreSQL 18 parser: libpg_query "
        + PROPS.getProperty("libpgQuery", "?") + ")"};
  }
}
