package dev.lockstep.source;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import dev.lockstep.i18n.Text;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * Reads a file or stream whole, but never more than a limit, whatever the file system says its size
 * is ({@code /dev/zero} says 0, a growing file says less than it holds); and refuses to open what is
 * not a regular file, since opening a named pipe waits for a writer that may never come.
 */
public final class BoundedRead {
  private BoundedRead() {}

  /** The stream held more than the limit; nothing of it is used. */
  public static final class TooLarge extends IOException {
    private final long knownSize;

    TooLarge(long knownSize) {
      super("larger than the limit");
      this.knownSize = knownSize;
    }

    /** The size the file system gave, or -1 when it was only found by reading past the limit. */
    public long knownSize() {
      return knownSize;
    }
  }

  /** Not a regular file (a pipe, a device, a socket): it was not opened. */
  public static final class NotRegularFile extends IOException {
    private final Text problem;

    NotRegularFile(Text problem) {
      super(problem.english());
      this.problem = problem;
    }

    /** "is a named pipe (FIFO), not a regular file", as a sentence to show in the run's language. */
    public Text problem() {
      return problem;
    }
  }

  /** The bytes of a regular file (links followed), at most {@code maxBytes} of them. */
  public static byte[] file(Path file, long maxBytes) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    if (!attributes.isRegularFile()) {
      if (attributes.isDirectory()) throw new NotRegularFile(Text.of("is a directory, not a regular file"));
      throw new NotRegularFile(kind(file));
    }
    if (attributes.size() > maxBytes) throw new TooLarge(attributes.size());
    // a plain FileInputStream opens and reads faster than the channel behind Files.newInputStream,
    // which counts when a history of a thousand migrations is read
    InputStream opened;
    try {
      opened = file.getFileSystem() == FileSystems.getDefault() ? new FileInputStream(file.toFile()) : Files.newInputStream(file);
    } catch (FileNotFoundException e) {
      // its message is free text ("(Permission denied)"): open it again to get the typed reason
      opened = Files.newInputStream(file);
    }
    try (InputStream in = opened) {
      return read(in, maxBytes, attributes.size() + 1);
    }
  }

  /** The bytes of a stream up to its end, or {@link TooLarge} as soon as it holds more than {@code maxBytes}. */
  public static byte[] stream(InputStream in, long maxBytes) throws IOException {
    return read(in, maxBytes, 64 * 1024);
  }

  /**
   * @param expected the first buffer's size: a file's size and one byte (its end is then found without growing
   *                 the buffer), or a guess for a stream
   */
  private static byte[] read(InputStream in, long maxBytes, long expected) throws IOException {
    long past = maxBytes == Long.MAX_VALUE ? maxBytes : maxBytes + 1; // enough to see the limit passed
    byte[] buffer = new byte[(int) Math.min(Math.min(Math.max(expected, 1), past), Integer.MAX_VALUE - 8)];
    int length = 0;
    while (true) {
      if (length == buffer.length) {
        if (length > maxBytes) throw new TooLarge(-1);
        long grown = Math.min(Math.min((long) buffer.length * 2, past), Integer.MAX_VALUE - 8);
        if (grown <= buffer.length) throw new TooLarge(-1);
        buffer = Arrays.copyOf(buffer, (int) grown);
      }
      int n = in.read(buffer, length, buffer.length - length);
      if (n < 0) break;
      length += n;
    }
    if (length > maxBytes) throw new TooLarge(-1);
    return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
  }

  /** "is a named pipe (FIFO), not a regular file"... from the file's type bits, where the platform gives them. */
  private static Text kind(Path file) {
    try {
      int type = ((Integer) Files.getAttribute(file, "unix:mode")) & 0170000;
      return switch (type) {
        case 0010000 -> Text.of("is a named pipe (FIFO), not a regular file");
        case 0020000 -> Text.of("is a character device, not a regular file");
        case 0060000 -> Text.of("is a block device, not a regular file");
        case 0140000 -> Text.of("is a socket, not a regular file");
        default -> Text.of("is a special file, not a regular file");
      };
    } catch (IOException | RuntimeException e) {
      return Text.of("is a special file, not a regular file");
    }
  }
}
