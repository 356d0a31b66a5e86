package dev.lockstep.split;

import dev.lockstep.i18n.Text;
import dev.lockstep.source.BoundedRead;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Migrations ordered by a leading number: goose, dbmate, golang-migrate files and Prisma folders. */
final class NumberedNames {
  static final Pattern NUMBERED = Pattern.compile("^(\\d+)_(.+)$");

  private NumberedNames() {}

  /** The files of one new migration (group {@code group} of the split) at the version given. */
  interface Migration {
    List<SplitPlan.NewFile> at(int group, String version);
  }

  /** The leading number of a migration's name, e.g. "20240612093000" of "20240612093000_index.sql". */
  static String version(String name) throws SplitRefused {
    Matcher m = NUMBERED.matcher(name);
    if (!m.matches()) throw new SplitRefused("its name does not start with a version number and '_'");
    return m.group(1);
  }

  /**
   * The files of {@code count} new migrations in {@code dir}, at the versions right after
   * {@code version}, zero-padded like it, each before the next existing migration. A migration
   * already there at its version that holds exactly what this split writes there was left by a run
   * stopped before it rewrote the original: it is kept, so that a rerun completes that run instead
   * of writing a second copy.
   */
  static List<SplitPlan.NewFile> after(Path dir, String version, int count, Migration migration) throws SplitRefused {
    TreeMap<BigInteger, List<Path>> existing = new TreeMap<>();
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        Matcher m = NUMBERED.matcher(p.getFileName().toString());
        if (m.matches()) existing.computeIfAbsent(new BigInteger(m.group(1)), v -> new ArrayList<>()).add(p);
      }
    } catch (IOException e) {
      throw new SplitRefused(Text.of("cannot list %s: %s", String.valueOf(dir), e.getMessage()));
    }
    List<SplitPlan.NewFile> out = new ArrayList<>();
    BigInteger v = new BigInteger(version);
    for (int i = 0; i < count; i++) {
      v = v.add(BigInteger.ONE);
      String padded = pad(v, version.length());
      List<SplitPlan.NewFile> files = migration.at(i, padded);
      for (Path taken : existing.getOrDefault(v, List.of())) {
        if (!writtenBefore(taken, files)) {
          throw new SplitRefused(Text.of("no free version between %s and the next migration (%s); renumber the later "
              + "migrations first", version, padded));
        }
      }
      out.addAll(files);
    }
    return out;
  }

  /**
   * Whether {@code entry} (a file, or a Prisma migration's folder) is one of {@code files}, or
   * their folder, holding exactly their text (line endings aside: they follow the original's).
   */
  static boolean writtenBefore(Path entry, List<SplitPlan.NewFile> files) {
    try {
      if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
        try (Stream<Path> inside = Files.list(entry)) {
          for (Path p : (Iterable<Path>) inside::iterator) {
            if (!holdsOneOf(p, files)) return false;
          }
        }
        return files.stream().anyMatch(f -> f.path().toAbsolutePath().getParent().equals(entry.toAbsolutePath()));
      }
      return holdsOneOf(entry, files);
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean holdsOneOf(Path p, List<SplitPlan.NewFile> files) throws IOException {
    for (SplitPlan.NewFile f : files) {
      if (!f.path().toAbsolutePath().equals(p.toAbsolutePath())) continue;
      if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) return false;
      try {
        String text = new String(BoundedRead.file(p, 4L * f.text().length() + 16), StandardCharsets.UTF_8);
        return Headers.sameSplit(text.replace("\r\n", "\n"), f.text());
      } catch (BoundedRead.TooLarge e) {
        return false;
      }
    }
    return false;
  }

  private static String pad(BigInteger v, int width) {
    String s = v.toString();
    return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
  }

  /** The name of a migration file without its version and extension, e.g. "index_orders". */
  static String describe(String name) {
    Matcher m = NUMBERED.matcher(name);
    String rest = m.matches() ? m.group(2) : name;
    return rest.replaceAll("(\\.up|\\.down)?\\.sql$", "");
  }
}
