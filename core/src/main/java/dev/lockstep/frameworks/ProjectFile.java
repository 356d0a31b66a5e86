package dev.lockstep.frameworks;

import dev.lockstep.i18n.Text;
import dev.lockstep.source.BoundedRead;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A project file that a migration tool reads (.env, package.json), as lockstep reads it: the
 * nearest one at or above a migration's folder, never outside its repository, read whole up to a
 * limit. A file that cannot be read decides nothing, and says so in a one-line note naming it.
 *
 * @param file the file
 * @param bytes its content, or null when it could not be read
 * @param note why it could not be read, or null
 */
record ProjectFile(Path file, byte[] bytes, Text note) {
  private static final String UNREADABLE = "%s cannot be read (%s); files there are detected by their markers only";

  /** The nearest file called {@code name} at or above {@code dir}, inside its repository, or null. */
  static Path nearest(Path dir, String name, int maxLevels) {
    for (int level = 0; dir != null && level < maxLevels; level++, dir = dir.getParent()) {
      Path f = dir.resolve(name);
      if (Files.isRegularFile(f)) return f;
      if (Files.exists(dir.resolve(".git"))) return null; // a project's configuration stays inside its repository
    }
    return null;
  }

  /** The file's bytes, at most {@code maxBytes} of them, or a note saying why it cannot be read. */
  static ProjectFile read(Path file, long maxBytes) {
    try {
      return new ProjectFile(file, BoundedRead.file(file, maxBytes), null);
    } catch (IOException e) {
      return new ProjectFile(file, null, unreadable(file, String.valueOf(e.getMessage())));
    }
  }

  /** The one-line note on a file that was read but not understood ({@code why}, e.g. "not JSON"). */
  static Text unreadable(Path file, Object why) {
    return Text.of(UNREADABLE, file.toString(), why);
  }
}
