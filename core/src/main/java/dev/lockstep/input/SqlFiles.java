package dev.lockstep.input;

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
import java.util.function.LongFunction;

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
          ? "broken symbolic link" : "no such file or directory"));
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
            problems.add(new InputProblem(file.toString(), "broken symbolic link"));
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
   * Reads listed files. A file that is too big (by {@code tooBig}, which gives the reason or
   * null) is not read; one that vanished or became unreadable since it was listed, or is not text,
   * becomes a problem; the others are still read.
   */
  public static Read read(List<Path> files, LongFunction<String> tooBig) {
    List<SourceFile> sources = new ArrayList<>();
    List<InputProblem> problems = new ArrayList<>();
    for (Path file : files) {
      try {
        String big = tooBig.apply(Files.size(file));
        if (big != null) {
          problems.add(new InputProblem(file.toString(), big));
          continue;
        }
        try (InputStream in = Files.newInputStream(file)) {
          readText(file.toString(), in, sources, problems);
        }
      } catch (IOException e) {
        problems.add(new InputProblem(file.toString(), describe(e)));
      }
    }
    return new Read(sources, problems);
  }

  /** Reads a stream (a file, or standard input) as a source, or adds why it cannot be one. */
  public static void readText(String name, InputStream in, List<SourceFile> sources, List<InputProblem> problems) {
    try {
      sources.add(SourceFile.decode(name, in.readAllBytes()));
    } catch (InputException e) {
      problems.add(new InputProblem(name, e.getMessage()));
    } catch (IOException e) {
      problems.add(new InputProblem(name, describe(e)));
    }
  }

  /** A short reason for an I/O failure, without a stack trace. */
  public static String describe(IOException e) {
    if (e instanceof FileSystemLoopException) return "symbolic link loop (skipped)";
    if (e instanceof AccessDeniedException) return "permission denied";
    if (e instanceof NoSuchFileException) return "no such file or directory";
    String reason = e.getMessage();
    return "cannot read: " + (reason == null ? e.getClass().getSimpleName() : reason);
  }
}
