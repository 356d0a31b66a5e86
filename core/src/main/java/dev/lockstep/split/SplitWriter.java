package dev.lockstep.split;

import dev.lockstep.io.AtomicWrite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a split: new files first (created, never overwritten), then changed files, the original
 * last. If a step fails, what was written is undone, so the migrations stay as they were.
 */
public final class SplitWriter {
  /** One file's bytes: {@code before} is null for a new file. */
  public record Write(Path path, byte[] before, byte[] after) {}

  private SplitWriter() {}

  private static void deleteIfEmpty(Path dir) {
    try {
      Files.deleteIfExists(dir);
    } catch (IOException notEmpty) {
      // the folder held other files before: keep it
    }
  }

  /**
   * Writes every file or none. What a rollback removes is only what this call created: a file a
   * stopped run left (reused as it is) and a folder that was there before stay.
   */
  public static void write(Path original, List<Write> writes) throws IOException {
    List<Path> created = new ArrayList<>();
    List<Path> newFolders = new ArrayList<>();
    List<Write> replaced = new ArrayList<>();
    try {
      for (Write w : writes) {
        if (w.before() == null) {
          Path folder = w.path().toAbsolutePath().getParent();
          boolean folderIsNew = !Files.exists(folder);
          boolean made = AtomicWrite.create(w.path(), w.after(), original);
          if (folderIsNew) newFolders.add(folder);
          if (made) created.add(w.path());
        }
      }
      for (Write w : writes) {
        if (w.before() != null) {
          AtomicWrite.replace(w.path(), w.before(), w.after());
          replaced.add(w);
        }
      }
    } catch (IOException | RuntimeException e) {
      for (Write w : replaced) {
        try {
          AtomicWrite.replace(w.path(), w.after(), w.before());
        } catch (IOException ignored) {
          // best effort: the message below names the failure
        }
      }
      for (Path p : created) Files.deleteIfExists(p);
      for (Path folder : newFolders) deleteIfEmpty(folder); // a Prisma migration folder made for it
      throw e;
    }
  }
}
