package dev.lockstep.frameworks;

import dev.lockstep.i18n.Text;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Flyway settings lockstep reads, as one source writes them (unparsed text; null where it says
 * nothing): {@code mixed}, {@code postgresql.transactional.lock} and {@code locations}.
 *
 * @param base        the folder that {@code filesystem:} locations and config files are relative to
 * @param configFiles further config files the source names (Maven and Gradle {@code configFiles}),
 *                    which Flyway reads over it
 * @param notes       values the source computes, which lockstep cannot read (Flyway's default holds)
 */
record FlywayValues(String mixed, String lock, List<String> locations, Path base, List<String> configFiles,
                    List<Text> notes) {
  FlywayValues {
    configFiles = List.copyOf(configFiles);
    notes = List.copyOf(notes);
  }

  static FlywayValues of(String mixed, String lock, List<String> locations, Path base) {
    return new FlywayValues(mixed, lock, locations, base, List.of(), List.of());
  }

  /** These values where set, else {@code lower}'s: this source takes precedence. */
  FlywayValues over(FlywayValues lower) {
    List<Text> allNotes = new ArrayList<>(lower.notes);
    allNotes.addAll(notes);
    return new FlywayValues(mixed != null ? mixed : lower.mixed, lock != null ? lock : lower.lock,
        locations != null ? locations : lower.locations, locations != null ? base : lower.base, configFiles.isEmpty() ? lower.configFiles : configFiles,
        allNotes);
  }

  boolean isEmpty() {
    return mixed == null && lock == null && locations == null && configFiles.isEmpty() && notes.isEmpty();
  }

  /** Comma-separated locations (flyway.conf, environment variables, Maven properties) as a list. */
  static List<String> split(String commaSeparated) {
    if (commaSeparated == null) return null;
    List<String> out = new ArrayList<>();
    for (String v : commaSeparated.split(",")) if (!v.isBlank()) out.add(v.strip());
    return out;
  }
}
