package dev.lockstep.fix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

/**
 * Replaces a file's bytes atomically: a temporary file in the same folder, flushed to disk, with
 * the original's permissions, renamed over the original, and only if the original still holds the
 * bytes that were read. On any failure the original stays as it was.
 */
public final class FileWriter {
  private FileWriter() {}

  public static void replace(Path file, byte[] expectedOld, byte[] content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".lockstep-tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) ch.write(buf);
        ch.force(true);
      }
      PosixFileAttributeView from = Files.getFileAttributeView(file, PosixFileAttributeView.class);
      PosixFileAttributeView to = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
      if (from != null && to != null) to.setPermissions(from.readAttributes().permissions());
      if (!Arrays.equals(Files.readAllBytes(file), expectedOld)) {
        throw new IOException("changed on disk while being fixed; left untouched");
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Creates a new file atomically (a flushed temporary file linked into place), with the permissions
   * of {@code like}; fails if the file exists, and then leaves it alone.
   */
  public static void create(Path file, byte[] content, Path like) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".lockstep-tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) ch.write(buf);
        ch.force(true);
      }
      PosixFileAttributeView from = Files.getFileAttributeView(like, PosixFileAttributeView.class);
      PosixFileAttributeView to = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
      if (from != null && to != null) to.setPermissions(from.readAttributes().permissions());
      Files.createLink(file, tmp); // atomic, and refuses an existing file
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw new IOException(file + " exists already; nothing was written");
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** For tests: permissions as a string like rw-r-----. */
  static String permissions(Path file) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }
}
