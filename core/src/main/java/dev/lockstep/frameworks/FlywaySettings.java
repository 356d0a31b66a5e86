package dev.lockstep.frameworks;

import dev.lockstep.i18n.Text;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.lockstep.source.BoundedRead;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The project-wide Flyway settings that decide how a script runs: {@code mixed} (a script may hold
 * statements Flyway runs outside a transaction beside others; off by default) and
 * {@code postgresql.transactional.lock} (Flyway keeps its lock in a transaction while it migrates; on
 * by default). Read from the nearest {@code flyway.conf}, {@code conf/flyway.conf}, {@code flyway.toml}
 * or Spring Boot {@code src/main/resources/application.properties} in the script's folder or a parent.
 * A file that cannot be read leaves Flyway's defaults, which are the stricter reading, and a problem
 * that names it.
 *
 * @param source  the file the settings come from, or null for Flyway's defaults
 * @param problem why {@code source} could not be read, or null
 */
public record FlywaySettings(boolean mixed, boolean transactionalLock, Path source, Text problem) {
  static final FlywaySettings DEFAULTS = new FlywaySettings(false, true, null, null);
  private static final List<String> FILES = List.of("flyway.conf", "conf/flyway.conf", "flyway.toml",
      "src/main/resources/application.properties");
  private static final long MAX_BYTES = 1L << 20;
  /** The settings that apply to the script at {@code script} (read each time: an editor's session outlives edits). */
  public static FlywaySettings of(Path script) {
    Path dir = script.toAbsolutePath().normalize().getParent();
    return dir == null ? DEFAULTS : find(dir);
  }

  private static FlywaySettings find(Path folder) {
    Path dir = folder;
    for (int i = 0; dir != null && i < 8; i++, dir = dir.getParent()) {
      for (String name : FILES) {
        Path file = dir.resolve(name);
        if (Files.isRegularFile(file)) return read(file);
      }
    }
    return DEFAULTS;
  }

  private static FlywaySettings read(Path file) {
    String text;
    try {
      text = new String(BoundedRead.file(file, MAX_BYTES), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return new FlywaySettings(false, true, file, Text.of("cannot be read: %s", String.valueOf(e.getMessage())));
    }
    try {
      if (file.getFileName().toString().endsWith(".toml")) {
        JsonNode flyway = new TomlMapper().readTree(text).path("flyway");
        return new FlywaySettings(bool(flyway.path("mixed").asText(""), false),
            bool(flyway.path("postgresql").path("transactional").path("lock").asText(""), true), file, null);
      }
      Properties p = new Properties();
      p.load(new StringReader(text));
      boolean spring = file.getFileName().toString().equals("application.properties");
      String mixed = p.getProperty(spring ? "spring.flyway.mixed" : "flyway.mixed", "");
      String lock = p.getProperty(spring ? "spring.flyway.postgresql.transactional-lock"
          : "flyway.postgresql.transactional.lock", "");
      return new FlywaySettings(bool(mixed, false), bool(lock, true), file, null);
    } catch (IOException | IllegalArgumentException e) {
      String reason = String.valueOf(e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage())
          .lines().findFirst().orElse("").strip();
      if (e instanceof JsonProcessingException j && j.getLocation() != null && j.getLocation().getLineNr() > 0) {
        return new FlywaySettings(false, true, file, Text.of("cannot be parsed: %s at line %d", reason, j.getLocation().getLineNr()));
      }
      return new FlywaySettings(false, true, file, Text.of("cannot be parsed: %s", reason));
    }
  }

  private static boolean bool(String value, boolean otherwise) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    return v.equals("true") || !v.equals("false") && otherwise;
  }
}
