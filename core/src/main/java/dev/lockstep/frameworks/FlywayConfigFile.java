package dev.lockstep.frameworks;

import dev.lockstep.i18n.Text;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The Flyway settings of one configuration file: Flyway's own {@code flyway.conf} (properties) and
 * {@code flyway.toml}, or Spring Boot's {@code application.properties} and {@code application.yml}
 * ({@code spring.flyway.*}, where the lock setting is {@code postgresql.transactional-lock}).
 */
final class FlywayConfigFile {
  private FlywayConfigFile() {}

  /** Thrown with the reason, in words, when the file is not valid in its format or holds what the tool rejects. */
  static final class Unparsable extends Exception {
    private final transient Text text;

    /** A parser's own words (its reason stays as the library gives it). */
    Unparsable(String reason) {
      this(Text.of("cannot be parsed: %s", reason));
    }

    /** A sentence of lockstep's, whole. */
    Unparsable(Text text) {
      super(text.english(), null, false, false);
      this.text = text;
    }

    Text text() {
      return text;
    }
  }

  static boolean isSpring(Path file) {
    return file.getFileName().toString().startsWith("application.");
  }

  /** The values of {@code text}, the content of {@code file}; relative locations are relative to {@code base}. */
  static FlywayValues read(Path file, String text, Path base) throws Unparsable {
    String name = file.getFileName().toString();
    try {
      if (name.endsWith(".toml")) return toml(new TomlMapper().readTree(text).path("flyway"), base);
      if (name.endsWith(".yml") || name.endsWith(".yaml")) {
        JsonNode spring = new ObjectMapper(new YAMLFactory()).readTree(text);
        return yaml(spring == null ? null : spring.path("spring").path("flyway"), base);
      }
      Properties p = new Properties();
      p.load(new StringReader(text));
      String prefix = isSpring(file) ? "spring.flyway." : "flyway.";
      String lock = isSpring(file) ? p.getProperty("spring.flyway.postgresql.transactional-lock",
          p.getProperty("spring.flyway.postgresql.transactionalLock"))
          : p.getProperty("flyway.postgresql.transactional.lock");
      return FlywayValues.of(p.getProperty(prefix + "mixed"), lock, FlywayValues.split(p.getProperty(prefix + "locations")),
          base);
    } catch (JsonProcessingException j) {
      String reason = String.valueOf(j.getOriginalMessage()).lines().findFirst().orElse("").strip();
      if (j.getLocation() != null && j.getLocation().getLineNr() > 0) {
        throw new Unparsable(Text.of("cannot be parsed: %s at line %d", reason, j.getLocation().getLineNr()));
      }
      throw new Unparsable(reason);
    } catch (IOException | IllegalArgumentException e) {
      throw new Unparsable(String.valueOf(e.getMessage()).lines().findFirst().orElse("").strip());
    }
  }

  private static FlywayValues toml(JsonNode flyway, Path base) {
    // [flyway.postgresql] transactional.lock = false, or [flyway.postgresql.transactional] lock = false
    JsonNode lock = flyway.path("postgresql").path("transactional").path("lock");
    return FlywayValues.of(text(flyway.path("mixed")), text(lock), list(flyway.path("locations")), base);
  }

  private static FlywayValues yaml(JsonNode flyway, Path base) {
    if (flyway == null || flyway.isMissingNode()) return FlywayValues.of(null, null, null, base);
    JsonNode postgresql = flyway.path("postgresql");
    JsonNode lock = postgresql.has("transactional-lock") ? postgresql.path("transactional-lock")
        : postgresql.path("transactionalLock");
    return FlywayValues.of(text(flyway.path("mixed")), text(lock), list(flyway.path("locations")), base);
  }

  private static String text(JsonNode node) {
    return node.isValueNode() ? node.asText() : null;
  }

  /** A list, or one comma-separated string, as Flyway and Spring Boot both accept. */
  private static List<String> list(JsonNode node) {
    if (node.isValueNode()) return FlywayValues.split(node.asText());
    if (!node.isArray()) return null;
    List<String> out = new ArrayList<>();
    for (JsonNode v : node) if (v.isValueNode() && !v.asText().isBlank()) out.add(v.asText().strip());
    return out;
  }
}
