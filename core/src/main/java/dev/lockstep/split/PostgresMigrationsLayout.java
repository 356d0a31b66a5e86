package dev.lockstep.split;

import dev.lockstep.i18n.Catalog;
import dev.lockstep.fix.Relocation;
import dev.lockstep.i18n.Text;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * postgres-migrations: a new &lt;id&gt;_&lt;name&gt;.sql with the next id. The tool runs each file in a
 * transaction of its own, or, when the file holds the line {@code -- postgres-migrations
 * disable-transaction}, sends it in one query without one (so such a file holds one statement).
 * Its ids must run from 1 without a gap, and it checks every applied file against a hash of its
 * name and text: a new migration can only follow the newest one, since putting one between two
 * would rename the later files.
 */
final class PostgresMigrationsLayout implements MigrationLayout {
  private final Catalog catalog;

  PostgresMigrationsLayout(Catalog catalog) {
    this.catalog = catalog;
  }

  /** The file names the tool reads: an integer id, '_', '-' or nothing, a name, .sql or .js. */
  private static final Pattern NAME = Pattern.compile("^(-?\\d+)([-_]?)(.*)\\.(sql|js)$", Pattern.CASE_INSENSITIVE);
  static final String OPT_OUT = "-- postgres-migrations disable-transaction";
  private static final String NOT_NEWEST = "postgres-migrations needs consecutive ids and checks each applied file's "
      + "name: only the newest migration can be split, and %s comes after %s; move the statements by hand";

  @Override
  public boolean oneStatementOutsideTransaction() {
    return true;
  }

  @Override
  public SplitPlan place(Path file, String text, String rest, List<List<Relocation>> groups) throws SplitRefused {
    Matcher m = NAME.matcher(file.getFileName().toString());
    if (!m.matches()) throw new SplitRefused("a postgres-migrations file name starts with its integer id");
    String id = m.group(1);
    String separator = m.group(2).isEmpty() ? "_" : m.group(2);
    BigInteger own = new BigInteger(id);
    List<SplitPlan.NewFile> files = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      List<Relocation> group = groups.get(i);
      String next = pad(own.add(BigInteger.valueOf(i + 1)), id.length());
      StringBuilder body = new StringBuilder(Headers.sql("--", file, group, catalog));
      if (group.get(0).outsideTransaction()) body.append(OPT_OUT).append('\n');
      body.append(Splitter.sql(group));
      files.add(new SplitPlan.NewFile(file.resolveSibling(next + separator + Splitter.slug(group) + ".sql"),
          body.toString(), null));
    }
    for (Path later : later(file.getParent(), own)) {
      // a split stopped before it rewrote the original left exactly these files: rerunning completes it
      if (!NumberedNames.writtenBefore(later, files)) {
        throw new SplitRefused(String.format(NOT_NEWEST, later.getFileName(), file.getFileName()));
      }
    }
    return new SplitPlan(rest, files, List.of());
  }

  /** The migrations of the folder whose id is above {@code id}. */
  private static List<Path> later(Path dir, BigInteger id) throws SplitRefused {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (m.matches() && new BigInteger(m.group(1)).compareTo(id) > 0) out.add(p);
      }
    } catch (IOException e) {
      throw new SplitRefused(Text.of("cannot list %s: %s", String.valueOf(dir), e.getMessage()));
    }
    out.sort(null);
    return out;
  }

  private static String pad(BigInteger v, int width) {
    String s = v.toString();
    return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
  }
}
