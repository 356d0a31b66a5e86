package dev.lockstep.cache;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.SuppressedFinding;
import dev.lockstep.frameworks.MigrationScript;
import dev.lockstep.parse.SyntaxError;
import dev.lockstep.io.AtomicWrite;
import dev.lockstep.source.BoundedRead;
import dev.lockstep.source.SourceFile;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Lint results kept between runs (opt-in, {@code lint --cache-dir}), so that a file already linted
 * as it is, under the same settings and by the same build of lockstep, is not parsed again. An entry
 * is keyed by everything a result depends on: this build, the settings, the file's path, its
 * migration tool and transaction plan (which already reflect side files such as a Flyway
 * {@code .conf}), and its text. Each path has one entry, replaced when any of that changes, so the
 * folder holds at most one entry per file and settings. An entry starts with a digest of its key
 * and of the rest of its bytes, so one that was edited or cut short is a miss, as is one that cannot
 * be read; an entry that cannot be written is skipped: the cache never changes what a run reports.
 * The folder is private (0700): one that another user owns or may write to is not used.
 */
public final class ResultCache {
  private static final String FORMAT = "lockstep result cache 3";
  private static final long MAX_ENTRY_BYTES = 64L << 20;
  private static final FileAttribute<Set<PosixFilePermission>> PRIVATE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  private final Path dir;
  private final String settings;
  private final String build;
  private Boolean trusted;

  /**
   * @param dir      the cache folder; created when missing
   * @param settings every setting that changes what rules conclude, written the same way each run
   */
  public ResultCache(Path dir, String settings) {
    this.dir = dir;
    this.settings = settings;
    this.build = thisBuild();
  }

  /** Where a script's entry lives, and the key of everything its result depends on. */
  public record Key(Path file, String content) {}

  /**
   * The key of a script: this build, the settings, the path, the migration tool and transaction
   * plan, and the file's text (what the parser reads, with a tool's markers masked, follows from these).
   */
  public Key key(MigrationScript script) {
    return key(script, "");
  }

  /**
   * As {@link #key(MigrationScript)}, for a file judged after the earlier migrations that
   * {@code history} describes (their paths, content hashes and pending flags, in order): a changed
   * earlier migration changes the key.
   */
  public Key key(MigrationScript script, String history) {
    SourceFile source = script.source();
    String name = sha256(FORMAT, build, settings, source.path()).substring(0, 40);
    Path file = dir.resolve(name.substring(0, 2)).resolve(name.substring(2) + ".json");
    String content = sha256(name, script.framework().id(), script.plan().toString(), source.text(), history);
    return new Key(file, content);
  }

  /** The result kept under this key, for this script's source, or null. */
  public FileResult get(Key key, SourceFile source) {
    if (!trusted()) return null;
    try {
      if (!Files.isRegularFile(key.file(), LinkOption.NOFOLLOW_LINKS)) return null;
      byte[] stored = BoundedRead.file(key.file(), MAX_ENTRY_BYTES);
      int newline = indexOf(stored, (byte) '\n');
      if (newline < 0) return null;
      byte[] body = Arrays.copyOfRange(stored, newline + 1, stored.length);
      String digest = new String(stored, 0, newline, StandardCharsets.US_ASCII);
      if (!digest.equals(digest(key, body))) return null; // edited, cut short, or made for another key
      Entry e = JSON.readValue(body, Entry.class);
      if (!key.content().equals(e.key())) return null; // the file, its tool, the settings or the build changed
      return new FileResult(source, e.findings(), e.suppressed(), e.syntaxErrors(), e.framework());
    } catch (IOException | RuntimeException e) {
      return null; // a damaged or foreign entry is a miss, and is replaced
    }
  }

  /** Keeps a result; one that could not be written is simply not kept. */
  public void put(Key key, FileResult result) {
    if (!trusted()) return;
    try {
      Files.createDirectories(key.file().getParent(), PRIVATE);
      byte[] body = JSON.writeValueAsBytes(new Entry(key.content(), result.framework(), result.findings(),
          result.suppressed(), result.syntaxErrors()));
      byte[] digest = (digest(key, body) + "\n").getBytes(StandardCharsets.US_ASCII);
      byte[] stored = Arrays.copyOf(digest, digest.length + body.length);
      System.arraycopy(body, 0, stored, digest.length, body.length);
      AtomicWrite.replace(key.file(), stored);
    } catch (IOException | RuntimeException e) {
      // not kept: the next run lints the file again
    }
  }

  /**
   * Whether the cache folder is ours alone: created 0700 when missing; one another user owns or
   * may write to could hold planted entries, so it is neither read nor written.
   */
  private boolean trusted() {
    if (trusted == null) {
      try {
        Files.createDirectories(dir, PRIVATE);
        PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class);
        boolean othersWrite = attributes.permissions().contains(PosixFilePermission.GROUP_WRITE)
            || attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE);
        trusted = !othersWrite && ownedByThisUser(dir);
      } catch (UnsupportedOperationException e) {
        trusted = Files.isDirectory(dir); // no POSIX owners here (Windows): the folder's ACL decides
      } catch (IOException | RuntimeException e) {
        trusted = false;
      }
    }
    return trusted;
  }

  /** Whether this process's user owns {@code dir}: the owner of a file just created in it. */
  private static boolean ownedByThisUser(Path dir) throws IOException {
    Path probe = Files.createTempFile(dir, ".owner", ".tmp");
    try {
      return Files.getOwner(probe).equals(Files.getOwner(dir));
    } finally {
      Files.deleteIfExists(probe);
    }
  }

  /** For tests: edits an entry's body and gives it the digest {@link #put} would, so that it is read as kept. */
  static void reseal(Path entry, java.util.function.UnaryOperator<String> edit) throws IOException {
    String stored = Files.readString(entry, StandardCharsets.UTF_8);
    byte[] body = edit.apply(stored.substring(stored.indexOf('\n') + 1)).getBytes(StandardCharsets.UTF_8);
    Key key = new Key(entry, JSON.readValue(body, Entry.class).key());
    Files.write(entry, (digest(key, body) + "\n" + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
  }

  /** The digest an entry's first line holds: of its key and of the bytes that follow. */
  private static String digest(Key key, byte[] body) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(sha256(FORMAT, key.content()).getBytes(StandardCharsets.US_ASCII));
      digest.update(body);
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) if (bytes[i] == b) return i;
    return -1;
  }

  /**
   * A record of settings written the same way in every run: its components in order, with sets
   * and maps sorted (their iteration order differs from one JVM run to the next).
   */
  public static String describe(Record settings) {
    StringBuilder out = new StringBuilder(settings.getClass().getName());
    for (var component : settings.getClass().getRecordComponents()) {
      Object value;
      try {
        value = component.getAccessor().invoke(settings);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      if (value instanceof Set<?> set) value = new TreeSet<>(set.stream().map(String::valueOf).toList());
      if (value instanceof Map<?, ?> map) {
        TreeMap<String, String> sorted = new TreeMap<>();
        map.forEach((k, v) -> sorted.put(String.valueOf(k), String.valueOf(v)));
        value = sorted;
      }
      out.append("; ").append(component.getName()).append('=').append(value);
    }
    return out.toString();
  }

  /** One entry: the key it was made under, and the result without its source text. */
  record Entry(String key, String framework, List<Finding> findings, List<SuppressedFinding> suppressed,
               List<SyntaxError> syntaxErrors) {}

  /** SHA-256 of the parts, each preceded by its length so that no two splits of the same bytes agree. */
  private static String sha256(String... parts) {
    MessageDigest digest = digest();
    update(digest, parts);
    return hex(digest);
  }

  /**
   * A SHA-256 digest to feed with {@link #update} part by part (e.g. every earlier migration of a
   * history: path, text, pending flag) and read with {@link #hex}.
   */
  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void update(MessageDigest digest, String... parts) {
    for (String part : parts) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
      digest.update(bytes);
    }
  }

  public static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  /** This build of lockstep: where its code was loaded from, with the size and time of that file. */
  private static String thisBuild() {
    try {
      Path code = Path.of(ResultCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isDirectory(code)) code = code.resolve(ResultCache.class.getName().replace('.', '/') + ".class");
      return code.toAbsolutePath() + " " + Files.size(code) + " " + Files.getLastModifiedTime(code).toMillis();
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return "unknown build " + System.nanoTime(); // never matches an entry: every run lints afresh
    }
  }
}
