package dev.lockstep.frameworks;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One name per file, so that a file's verdict does not depend on the working directory or on how
 * its path was written: absolute, normalized, and with symbolic links resolved where it exists.
 */
public final class Canonical {
  private Canonical() {}

  public static Path of(Path path) {
    Path abs = path.toAbsolutePath().normalize();
    try {
      return abs.toRealPath();
    } catch (IOException | SecurityException e) {
      // a file given as text only (tests, stdin, the editor's unsaved buffer): its parent may still exist
      Path parent = abs.getParent();
      if (parent == null || abs.getFileName() == null) return abs;
      try {
        return parent.toRealPath().resolve(abs.getFileName());
      } catch (IOException | SecurityException again) {
        return abs;
      }
    }
  }
}
