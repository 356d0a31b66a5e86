package dev.lockstep.frameworks;

import dev.lockstep.i18n.Text;
import dev.lockstep.source.BoundedRead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The project-wide Flyway settings that decide how a script runs: {@code mixed} (a script may hold
 * statements Flyway runs outside a transaction beside others; off by default),
 * {@code postgresql.transactional.lock} (Flyway keeps its lock in a transaction while it migrates; on
 * by default) and {@code locations} (the folders Flyway reads migrations from).
 *
 * <p>Read from where projects put them, the nearest first, from the script's folder up: in one folder
 * {@code flyway.toml} (Flyway reads it before a {@code .conf}), {@code flyway.conf},
 * {@code conf/flyway.conf}, the {@code flyway-maven-plugin} in {@code pom.xml}, the {@code flyway}
 * block of {@code build.gradle.kts} or {@code build.gradle}, then Spring Boot's {@code spring.flyway.*}
 * in {@code src/main/resources/application.properties} or {@code application.yml}. The config files a
 * Maven or Gradle build names ({@code configFiles}) are read over its own settings, and environment
 * variables over everything ({@code FLYWAY_MIXED}, {@code FLYWAY_POSTGRESQL_TRANSACTIONAL_LOCK},
 * {@code FLYWAY_LOCATIONS}; {@code SPRING_FLYWAY_*} for Spring Boot, which does not read Flyway's), the
 * order Flyway's documentation gives ("Configuration Precedence"; the Maven and Gradle plugins' pages).
 * An environment variable in use is a note: the verdict then depends on something outside the
 * repository. A file that cannot be read leaves Flyway's defaults, which are the stricter reading, and
 * a problem that names it.
 *
 * @param locations the configured locations, resolved to folders; empty when none is configured
 * @param source    the file the settings come from, or null for Flyway's defaults
 * @param problem   why {@code source} could not be read, or null
 * @param notes     values lockstep could not read (computed in a build script), and environment variables in use
 * @param evidence  where the settings come from, in words
 * @param variables the environment variables in use, by name
 */
public record FlywaySettings(boolean mixed, boolean transactionalLock, List<Path> locations, Path source, Text problem,
                             List<Text> notes, Text evidence, List<String> variables) {
  public FlywaySettings {
    locations = List.copyOf(locations);
    notes = List.copyOf(notes);
    variables = List.copyOf(variables);
  }

  private static final List<String> FILES = List.of("flyway.toml", "flyway.conf", "conf/flyway.conf", "pom.xml",
      "build.gradle.kts", "build.gradle", "src/main/resources/application.properties",
      "src/main/resources/application.yml", "src/main/resources/application.yaml");
  private static final long MAX_BYTES = 1L << 20;
  private static final String DEFAULTS = "Flyway's defaults";
  private static final String FROM_ENVIRONMENT = "%s, with %s from the environment";
  static final String ENVIRONMENT_NOTE = "%s=%s in the environment overrides %s for the Flyway scripts judged here: "
      + "the verdicts hold where Flyway runs with it";

  /**
   * The settings that apply to the script at {@code script}; a file is read again once it changes (an
   * editor's session outlives edits).
   */
  public static FlywaySettings of(Path script) {
    return of(script, System.getenv());
  }

  /** The same, with {@code environment} as the environment variables Flyway would see. */
  public static FlywaySettings of(Path script, Map<String, String> environment) {
    Path dir = script.toAbsolutePath().normalize().getParent();
    Found found = dir == null ? null : find(dir);
    FlywayValues values = found == null ? FlywayValues.of(null, null, null, dir) : found.values();
    Path source = found == null ? null : found.file();
    Text problem = found == null ? null : found.problem();
    Object from = source == null ? Text.of(DEFAULTS) : source.getFileName().toString();
    boolean spring = source != null && FlywayConfigFile.isSpring(source);
    List<Text> notes = new ArrayList<>(values.notes());
    List<String> variables = new ArrayList<>();
    String prefix = spring ? "SPRING_FLYWAY_" : "FLYWAY_";
    String mixed = fromEnvironment(environment, prefix + "MIXED", from, notes, variables);
    String lock = fromEnvironment(environment, spring ? "SPRING_FLYWAY_POSTGRESQL_TRANSACTIONALLOCK"
        : "FLYWAY_POSTGRESQL_TRANSACTIONAL_LOCK", from, notes, variables);
    String locations = fromEnvironment(environment, prefix + "LOCATIONS", from, notes, variables);
    values = FlywayValues.of(mixed, lock, FlywayValues.split(locations), source == null ? dir : values.base()).over(values);
    Text evidence = variables.isEmpty() ? Text.of("%s", from) : Text.of(FROM_ENVIRONMENT, from, String.join(", ", variables));
    return new FlywaySettings(bool(values.mixed(), false), bool(values.lock(), true),
        resolve(values.locations(), values.base()), source, problem, notes, evidence, variables);
  }

  private static String fromEnvironment(Map<String, String> environment, String name, Object from, List<Text> notes,
                                        List<String> variables) {
    String value = environment.get(name);
    if (value == null || value.isBlank()) return null;
    notes.add(Text.of(ENVIRONMENT_NOTE, name, value.strip(), from));
    variables.add(name);
    return value.strip();
  }

  /** A source's values, or the reason it could not be read. */
  private record Found(Path file, FlywayValues values, Text problem) {}

  private static Found find(Path folder) {
    Path dir = folder;
    for (int i = 0; dir != null && i < 8; i++, dir = dir.getParent()) {
      for (String name : FILES) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) continue;
        Found found = cached(file, dir);
        if (found != null) return found;
      }
    }
    return null;
  }

  /** A file as it was when read: size and modification time. */
  private record Stamp(Path file, long size, long modified) {
    static Stamp of(Path file) {
      try {
        return new Stamp(file, Files.size(file), Files.getLastModifiedTime(file).toMillis());
      } catch (IOException e) {
        return new Stamp(file, -1, -1);
      }
    }
  }

  /** What a source file gave, and every file it was read from, as they were. */
  private record Reading(Found found, List<Stamp> stamps) {}

  /** Each file's reading while none of its files changed: every script of a project reads the same pom.xml. */
  private static final Map<Path, Reading> READINGS = new ConcurrentHashMap<>();

  private static Found cached(Path file, Path base) {
    Reading reading = READINGS.get(file);
    if (reading != null && reading.stamps().stream().allMatch(st -> st.equals(Stamp.of(st.file())))) return reading.found();
    List<Path> read = new ArrayList<>(List.of(file));
    Found found = read(file, base, read);
    if (READINGS.size() > 256) READINGS.clear();
    READINGS.put(file, new Reading(found, read.stream().map(Stamp::of).toList()));
    return found;
  }

  /** The file's settings; null for a build file or Spring configuration that does not configure Flyway. */
  private static Found read(Path file, Path base, List<Path> read) {
    String name = file.getFileName().toString();
    FlywayValues values;
    try {
      String text = text(file);
      if (name.equals("pom.xml")) {
        values = FlywayMavenPlugin.read(file, text);
      } else if (name.startsWith("build.gradle")) {
        Path properties = base.resolve("gradle.properties");
        read.add(properties);
        FlywayValues fromProperties = Files.isRegularFile(properties)
            ? FlywayConfigFile.read(properties, text(properties), base) : null;
        values = FlywayGradlePlugin.read(file, text, fromProperties == null || fromProperties.isEmpty() ? null : fromProperties);
      } else {
        values = FlywayConfigFile.read(file, text, base);
        if (FlywayConfigFile.isSpring(file) && values.isEmpty()) values = null;
      }
      if (values == null) return null;
      for (String configFile : values.configFiles()) {
        Path other = values.base().resolve(configFile).normalize();
        read.add(other);
        try {
          values = FlywayConfigFile.read(other, text(other), values.base()).over(values);
        } catch (IOException e) {
          return failed(file, base, Text.of("names %s, which cannot be read: %s", configFile, String.valueOf(e.getMessage())));
        } catch (FlywayConfigFile.Unparsable e) {
          return failed(file, base, Text.of("names %s, which cannot be parsed: %s", configFile, e.text()));
        }
      }
      return new Found(file, values, null);
    } catch (IOException e) {
      return failed(file, base, Text.of("cannot be read: %s", String.valueOf(e.getMessage())));
    } catch (FlywayConfigFile.Unparsable e) {
      return failed(file, base, e.text());
    }
  }

  private static Found failed(Path file, Path base, Text problem) {
    return new Found(file, FlywayValues.of(null, null, null, base), problem);
  }

  private static String text(Path file) throws IOException {
    return new String(BoundedRead.file(file, MAX_BYTES), StandardCharsets.UTF_8);
  }

  /**
   * The folders of Flyway locations: {@code filesystem:} paths relative to {@code base}, {@code classpath:}
   * ones (and those without a prefix) in the module's {@code src/main/resources}.
   */
  private static List<Path> resolve(List<String> locations, Path base) {
    if (locations == null || base == null) return List.of();
    List<Path> out = new ArrayList<>();
    for (String v : locations) {
      try {
        if (v.startsWith("filesystem:")) {
          out.add(base.resolve(v.substring("filesystem:".length())).normalize());
        } else {
          String path = v.startsWith("classpath:") ? v.substring("classpath:".length()) : v;
          out.add(base.resolve("src/main/resources").resolve(path.replaceFirst("^/", "")).normalize());
        }
      } catch (InvalidPathException e) {
        // not a folder on this system (a cloud location, a placeholder): it holds none of these files
      }
    }
    return out;
  }

  private static boolean bool(String value, boolean otherwise) {
    if (value == null) return otherwise;
    String v = value.strip().toLowerCase(Locale.ROOT);
    return v.equals("true") || !v.equals("false") && otherwise;
  }
}
