package dev.lockstep.io;

import dev.lockstep.i18n.Text;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;

/**
 * Every file lockstep writes goes through here. The new bytes go to a temporary file with an
 * unpredictable name, created exclusively (never through a link planted at that name) in the target's
 * own folder, flushed to disk, and renamed over the target: a reader sees the old file or the new
 * one, never a part. A target that is a symbolic link has its link's target replaced, so the link
 * stays a link; the replaced file keeps its owner, group and permissions. Where that cannot be done
 * atomically (hard links that a rename would split, an owner this user cannot give) nothing is
 * written and the exception says why. On any failure the target is as it was.
 */
public final class AtomicWrite {
  private static final SecureRandom RANDOM = new SecureRandom();

  private AtomicWrite() {}

  /** A write refused before anything changed; the message names the file and says why. */
  public static final class Refused extends IOException {
    private final transient Text text;

    Refused(Text text) {
      super(text.english());
      this.text = text;
    }

    /** Why, as a sentence to show in the run's language. */
    public Text text() {
      return text;
    }
  }

  /** Writes {@code content} to {@code target}, creating it or replacing what it holds. */
  public static void replace(Path target, byte[] content) throws IOException {
    replace(target, null, content);
  }

  /**
   * As {@link #replace(Path, byte[])}, but only while the target still holds {@code expectedOld}
   * (null: whatever it holds): a file edited since it was read is left untouched.
   */
  public static void replace(Path target, byte[] expectedOld, byte[] content) throws IOException {
    Path file = realTarget(target);
    PosixFileAttributes old = posix(file);
    if (old != null) refuseHardLinks(target, file);
    Path tmp = temporaryBeside(file, content, old != null);
    try {
      if (old != null) copyOwnership(target, old, tmp);
      if (expectedOld != null && !Arrays.equals(Files.readAllBytes(file), expectedOld)) {
        throw new Refused(Text.of("%s changed on disk while lockstep was writing it; left untouched", target.toString()));
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Creates {@code target}, which must not exist (nor be a link), with the owner, group and
   * permissions of {@code like} (or the defaults for new files when null). A regular file that
   * already holds exactly {@code content} is left as it is, so that a rerun completes a stopped one.
   *
   * @return whether the file was created; false when it was there already (it is then not this
   *     call's to remove)
   */
  public static boolean create(Path target, byte[] content, Path like) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && Files.size(target) == content.length
        && Arrays.equals(Files.readAllBytes(target), content)) {
      return false; // written already, by a run that was stopped before it finished: nothing to do
    }
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) throw new Refused(Text.of("%s exists already; nothing was written", target.toString()));
    PosixFileAttributes model = like == null ? null : posix(like);
    Path tmp = temporaryBeside(target.toAbsolutePath(), content, model != null);
    try {
      if (model != null) copyOwnership(target, model, tmp);
      Files.createLink(target, tmp); // atomic, and refuses an existing file or link
      return true;
    } catch (FileAlreadyExistsException e) {
      throw new Refused(Text.of("%s exists already; nothing was written", target.toString()));
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * The file to replace: the target, or where its symbolic links lead. A link that leads nowhere is
   * refused: writing through it would create a file wherever it points.
   */
  private static Path realTarget(Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    if (!Files.isSymbolicLink(absolute)) {
      return absolute.getParent().toRealPath().resolve(absolute.getFileName());
    }
    refuseForeignLink(target, absolute);
    try {
      return absolute.toRealPath();
    } catch (NoSuchFileException e) {
      throw new Refused(Text.of("%s is a symbolic link to %s, which does not exist; not written through it", target.toString(),
          Files.readSymbolicLink(absolute).toString()));
    }
  }

  /**
   * A link someone else planted (in /tmp, a shared folder) must not lead a write to a file of ours:
   * as the kernel's protected_symlinks does for opening, a link is followed only when this user or
   * the folder's owner owns it.
   */
  private static void refuseForeignLink(Path target, Path link) throws IOException {
    UserPrincipal linkOwner;
    UserPrincipal folderOwner;
    try {
      linkOwner = Files.getOwner(link, LinkOption.NOFOLLOW_LINKS);
      folderOwner = Files.getOwner(link.getParent());
    } catch (UnsupportedOperationException e) {
      return; // no owners on this file system
    }
    if (linkOwner.equals(folderOwner) || linkOwner.equals(currentUser(link.getFileSystem()))) return;
    throw new Refused(Text.of("%s is a symbolic link owned by %s, not by this user or the folder's owner; not written through it",
        target.toString(), linkOwner.getName()));
  }

  private static UserPrincipal currentUser(java.nio.file.FileSystem fs) {
    try {
      return fs.getUserPrincipalLookupService().lookupPrincipalByName(System.getProperty("user.name"));
    } catch (IOException | RuntimeException e) {
      return null; // unknown: only links the folder's owner made are followed
    }
  }

  private static void refuseHardLinks(Path target, Path file) throws IOException {
    int links;
    try {
      links = (Integer) Files.getAttribute(file, "unix:nlink");
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return; // no link counts on this file system
    }
    if (links > 1) {
      throw new Refused(Text.of("%s has %s hard links: replacing it atomically would split them, so it was left unchanged "
          + "(make it a single file, or a symbolic link, to let lockstep write it)", target.toString(), String.valueOf(links)));
    }
  }

  /** The owner, group and permissions of a file, or null when it does not exist or has none. */
  private static PosixFileAttributes posix(Path file) throws IOException {
    if (!Files.exists(file)) return null;
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    return view == null ? null : view.readAttributes();
  }

  private static boolean posixFiles(Path file) {
    return file.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** Gives the temporary file the model's permissions, group and owner, or refuses with the reason. */
  private static void copyOwnership(Path target, PosixFileAttributes model, Path tmp) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
    if (view == null) return;
    PosixFileAttributes now = view.readAttributes();
    try {
      if (!now.group().equals(model.group())) view.setGroup(model.group());
      if (!now.owner().equals(model.owner())) view.setOwner(model.owner());
    } catch (IOException e) {
      throw new Refused(Text.of("%s belongs to %s, which this user cannot give a rewritten file; left unchanged "
          + "(run lockstep as its owner)", target.toString(), model.owner().getName() + ":" + model.group().getName()));
    }
    view.setPermissions(model.permissions()); // after chown, which may clear set-id bits
  }

  /**
   * A new file with the content, flushed, under an unpredictable name no one else can have created;
   * private (0600) until it is given the permissions of the file it replaces, else the defaults for
   * new files.
   */
  private static Path temporaryBeside(Path file, byte[] content, boolean privateUntilCopied) throws IOException {
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(nonce);
    Path tmp = file.resolveSibling("." + file.getFileName() + "." + HexFormat.of().formatHex(nonce) + ".lockstep-tmp");
    Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    FileAttribute<?>[] attributes = privateUntilCopied && posixFiles(file)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
        : new FileAttribute<?>[0];
    try (FileChannel ch = FileChannel.open(tmp, options, attributes)) {
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) ch.write(buf);
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // it was never created, or cannot be removed either: the original is untouched regardless
      }
      throw e;
    }
    return tmp;
  }
}
