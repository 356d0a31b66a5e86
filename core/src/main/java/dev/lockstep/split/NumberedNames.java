package dev.lockstep.split;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Migrations ordered by a leading number: goose, dbmate, golang-migrate files and Prisma folders. */
final class NumberedNames {
  static final Pattern NUMBERED = Pattern.compile("^(\\d+)_(.+)$");

  private NumberedNames() {}

  /** The leading number of a migration's name, e.g. "20240612093000" of "20240612093000_index.sql". */
  static String version(String name) throws SplitRefused {
    Matcher m = NUMBERED.matcher(name);
    if (!m.matches()) throw new SplitRefused("its name does not start with a version number and '_'");
    return m.group(1);
  }

  /**
   * {@code count} versions right after {@code version} that no migration in {@code dir} uses, each
   * sorting before the next existing migration; zero-padded like the original.
   */
  static List<String> after(Path dir, String version, int count) throws SplitRefused {
    BigInteger base = new BigInteger(version);
    TreeSet<BigInteger> used = new TreeSet<>();
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        Matcher m = NUMBERED.matcher(p.getFileName().toString());
        if (m.matches()) used.add(new BigInteger(m.group(1)));
      }
    } catch (IOException e) {
      throw new SplitRefused("cannot list " + dir + ": " + e.getMessage());
    }
    BigInteger next = used.higher(base);
    List<String> out = new ArrayList<>();
    for (BigInteger v = base.add(BigInteger.ONE); out.size() < count; v = v.add(BigInteger.ONE)) {
      if (next != null && v.compareTo(next) >= 0) {
        throw new SplitRefused("no free version between " + version + " and the next migration ("
            + pad(next, version.length()) + "); renumber the later migrations first");
      }
      out.add(pad(v, version.length()));
    }
    return out;
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
