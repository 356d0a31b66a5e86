package dev.lockstep.input;

import dev.lockstep.engine.Limits;
import dev.lockstep.i18n.Text;
import dev.lockstep.source.BoundedRead;
import dev.lockstep.source.InputException;
import dev.lockstep.source.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * Expands the paths given on the command line into migration files: files as named,
 * directories recursively ({@code *.sql}, in sorted order, following symlinks without looping).
 */
public final class SqlFiles {
  private final List<Path> files = new ArrayList<>();
  private final List<InputProblem> problems = new ArrayList<>();

  public static SqlFiles collect(List<Path> paths) {
    SqlFiles out = new SqlFiles();
    for (Path p : paths) out.add(p);
    return out;
  }

  public List<Path> files() {
    return files;
  }

  public List<InputProblem> problems() {
    return problems;
  }

  private void add(Path path) {
    if (Files.isDirectory(path)) {
      walk(path);
    } else if (Files.exists(path)) {
      files.add(path);
    } else {
      problems.add(new InputProblem(path.toString(), Files.isSymbolicLink(path)
          ? Text.of("broken symbolic link") : Text.of("no such file or directory")));
    }
  }

  private void walk(Path root) {
    List<Path> found = new ArrayList<>();
    try {
      Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sql")) return FileVisitResult.CONTINUE;
          if (attrs.isRegularFile()) {
            found.add(file);
          } else if (attrs.isSymbolicLink()) { // following it failed: a migration that cannot be read
            problems.add(new InputProblem(file.toString(), Text.of("broken symbolic link")));
          } else if (attrs.isOther()) { // a pipe or device named like a migration: never opened, never passed over
            found.add(file);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          problems.add(new InputProblem(file.toString(), describe(e)));
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      problems.add(new InputProblem(root.toString(), describe(e)));
    }
    found.sort(null);
    files.addAll(found);
  }

  /** Files read as text, and the files that could not be. */
  public record Read(List<SourceFile> sources, List<InputProblem> problems) {}

  /**
   * Reads listed files, each at most max-file-size bytes whatever its size claims to be. A file
   * that is too big, not a regular file (a named pipe would wait forever for a writer), vanished or
   * became unreadable since it was listed, or is not text, becomes a problem of its own; the others
   * are still read.
   */
  public static Read read(List<Path> files, Limits limits) {
    List<SourceFile> sources = new ArrayList<>();
    List<InputProblem> problems = new ArrayList<>();
    for (Path file : files) {
      try {
        sources.add(SourceFile.decode(file.toString(), BoundedRead.file(file, limits.maxFileBytes())));
      } catch (InputException e) {
        problems.add(InputProblem.of(e));
      } catch (IOException e) {
        problems.add(new InputProblem(file.toString(), describe(e, limits)));
      } catch (OutOfMemoryError e) {
        problems.add(new InputProblem(file.toString(), Limits.outOfMemory()));
      }
    }
    return new Read(sources, problems);
  }

  /**
   * Reads standard input (or another stream) as a source of at most max-file-size bytes, or adds
   * why it cannot be one.
   */
  public static void readText(String name, InputStream in, Limits limits, List<SourceFile> sources,
                              List<InputProblem> problems) {
    try {
      sources.add(SourceFile.decode(name, BoundedRead.stream(in, limits.maxFileBytes())));
    } catch (InputException e) {
      problems.add(InputProblem.of(e));
    } catch (IOException e) {
      problems.add(new InputProblem(name, describe(e, limits)));
    } catch (OutOfMemoryError e) {
      problems.add(new InputProblem(name, Limits.outOfMemory()));
    }
  }

  private static Text describe(IOException e, Limits limits) {
    if (e instanceof BoundedRead.TooLarge big) {
      return big.knownSize() >= 0 ? limits.tooBig(big.knownSize()) : limits.tooBigStream();
    }
    return describe(e);
  }

  /** A short reason for an I/O failure, without a stack trace. */
  public static Text describe(IOException e) {
    if (e instanceof FileSystemLoopException) return Text.of("symbolic link loop (skipped)");
    if (e instanceof AccessDeniedException) return Text.of("permission denied");
    if (e instanceof NoSuchFileException) return Text.of("no such file or directory");
    if (e instanceof BoundedRead.NotRegularFile other) {
      return Text.of("%s: not checked (to check what it holds, pipe it to standard input: '-')", other.problem());
    }
    String reason = e.getMessage();
    return Text.of("cannot read: %s", reason == null ? e.getClass().getSimpleName() : reason);
  }

  /** The reason a file could not be written, for a failure met while writing it. */
  public static Text describeWrite(IOException e) {
    if (e instanceof AccessDeniedException) return Text.of("permission denied");
    if (e instanceof NoSuchFileException) return Text.of("no such file or directory");
    String reason = e.getMessage();
    return Text.of("cannot write: %s", reason == null ? e.getClass().getSimpleName() : reason);
  }
}
