package dev.lockstep.split;

import dev.lockstep.i18n.Catalog;
import dev.lockstep.i18n.Text;
import dev.lockstep.fix.Relocation;
import dev.lockstep.history.MigrationHistory;
import dev.lockstep.frameworks.FlywaySettings;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Flyway: a new versioned script V&lt;version&gt;.1__&lt;name&gt;.sql, which sorts right after the original,
 * with a V...sql.conf holding executeInTransaction=false when it must run outside a transaction
 * (Flyway then runs its statements one by one).
 */
final class FlywayLayout implements MigrationLayout {
  private final Catalog catalog;

  FlywayLayout(Catalog catalog) {
    this.catalog = catalog;
  }

  /** CREATE INDEX and REINDEX CONCURRENTLY wait for every open transaction, Flyway's lock transaction too. */
  private static final Pattern WAITS_FOR_TRANSACTIONS = Pattern.compile(
      "(?is)\\b(CREATE\\s+(UNIQUE\\s+)?INDEX|REINDEX)\\b[^;]*\\bCONCURRENTLY\\b");
  private static final Pattern VERSIONED = Pattern.compile("^V([0-9]+(?:[._][0-9]+)*)__(.+)\\.sql$");

  @Override
  public boolean oneStatementOutsideTransaction() {
    return false;
  }

  @Override
  public SplitPlan place(Path file, String text, String rest, List<List<Relocation>> groups) throws SplitRefused {
    Matcher m = VERSIONED.matcher(file.getFileName().toString());
    if (!m.matches()) throw new SplitRefused("only versioned Flyway migrations (V<version>__<description>.sql) can be split");
    boolean waits = groups.stream().flatMap(List::stream)
        .anyMatch(r -> r.outsideTransaction() && WAITS_FOR_TRANSACTIONS.matcher(r.sql()).find());
    FlywaySettings settings = FlywaySettings.of(file);
    if (waits && settings.transactionalLock()) throw new SplitRefused(lockTransactionRefusal(settings));
    String version = m.group(1);
    List<Path> written = new ArrayList<>();
    int fresh = 0;
    for (List<Relocation> group : groups) {
      Path earlier = writtenBefore(file, version, group);
      written.add(earlier);
      if (earlier == null) fresh++;
    }
    List<String> versions = freeVersions(locations(file), version, fresh);
    List<SplitPlan.NewFile> files = new ArrayList<>();
    int next = 0;
    for (int i = 0; i < groups.size(); i++) {
      List<Relocation> group = groups.get(i);
      Path script = written.get(i) != null ? written.get(i)
          : file.resolveSibling("V" + versions.get(next++) + "__" + Splitter.slug(group) + ".sql");
      // the settings first: a script that exists without them would run inside a transaction
      if (group.get(0).outsideTransaction()) {
        files.add(new SplitPlan.NewFile(script.resolveSibling(script.getFileName() + ".conf"),
            "executeInTransaction=false\n", null));
      }
      files.add(new SplitPlan.NewFile(script, Headers.sql("--", file, group, catalog) + Splitter.sql(group), null));
    }
    return new SplitPlan(rest, files, List.of());
  }

  /** Why the split waits for Flyway's lock transaction, and the setting that ends it where this project keeps its settings. */
  private static Text lockTransactionRefusal(FlywaySettings settings) {
    for (String variable : settings.variables()) {
      if (variable.endsWith("LOCK")) {
        return Text.of("the new script's CONCURRENTLY statement would wait forever for Flyway's own lock transaction, "
            + "which %s in the environment keeps on; set it to false and split again", variable);
      }
    }
    String name = settings.source() == null ? "" : settings.source().getFileName().toString();
    if (name.equals("pom.xml")) {
      return Text.of("the new script's CONCURRENTLY statement would wait forever for Flyway's own lock transaction; "
          + "add %s to the configuration of %s in %s and split again",
          "<pluginConfiguration><postgresql.transactional.lock>false</postgresql.transactional.lock></pluginConfiguration>",
          "flyway-maven-plugin", name);
    }
    if (name.startsWith("build.gradle")) {
      return Text.of("the new script's CONCURRENTLY statement would wait forever for Flyway's own lock transaction; "
          + "add %s to the configuration of %s in %s and split again",
          name.endsWith(".kts") ? "pluginConfiguration = mapOf(\"postgresqlTransactionalLock\" to \"false\")"
              : "pluginConfiguration = [postgresqlTransactionalLock: 'false']", "flyway { }", name);
    }
    if (name.equals("flyway.toml")) {
      return Text.of("the new script's CONCURRENTLY statement would wait forever for Flyway's own lock transaction; "
          + "set %s in %s and split again", "[flyway.postgresql] transactional.lock = false", name);
    }
    if (name.startsWith("application.")) {
      return Text.of("the new script's CONCURRENTLY statement would wait forever for Flyway's own lock transaction; "
          + "set %s in %s and split again", name.endsWith(".properties")
          ? "spring.flyway.postgresql.transactional-lock=false" : "spring.flyway.postgresql.transactional-lock: false", name);
    }
    if (!name.isEmpty()) {
      return Text.of("the new script's CONCURRENTLY statement would wait forever for Flyway's own lock transaction; "
          + "set %s in %s and split again", "flyway.postgresql.transactional.lock=false", name);
    }
    return Text.of("the new script's CONCURRENTLY statement would wait forever for Flyway's own lock transaction; set "
        + "%s in %s (or %s in %s) and split again", "flyway.postgresql.transactional.lock=false", "flyway.conf",
        "spring.flyway.postgresql.transactional-lock=false", "application.properties");
  }

  /**
   * The script a split of this group wrote before, when a run was stopped after writing it and
   * before rewriting the original: a script beside the original, right after its version, with
   * exactly the text this split writes. It is reused, so a rerun does not write a second copy.
   */
  private Path writtenBefore(Path file, String version, List<Relocation> group) throws SplitRefused {
    String text = Headers.sql("--", file, group, catalog) + Splitter.sql(group);
    String name = "__" + Splitter.slug(group) + ".sql";
    try (Stream<Path> entries = Files.list(file.toAbsolutePath().getParent())) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        String n = p.getFileName().toString();
        if (!n.startsWith("V" + version + ".") || !n.endsWith(name) || !Files.isRegularFile(p)
            || Files.size(p) > 4L * text.length() + 16) {
          continue;
        }
        String existing = Files.readString(p).replace("\r\n", "\n").replace('\r', '\n');
        if (Headers.sameSplit(existing, text)) return file.resolveSibling(n);
      }
    } catch (IOException e) {
      throw new SplitRefused(Text.of("cannot list %s: %s", String.valueOf(file.getParent()), e.getMessage()));
    }
    return null;
  }

  /**
   * The folders Flyway scans with this script's: a version taken in any of them is taken for this one
   * too. They are the project's configured locations (flyway.locations, as the history reads them);
   * and, since Flyway reads a location recursively (db/migration/2024/V2.1__x.sql), the nearest folder
   * up named migration or migrations (Flyway's db/migration and the usual variants), else the
   * script's own folder.
   */
  static List<Path> locations(Path file) throws SplitRefused {
    Set<Path> out = new LinkedHashSet<>();
    try {
      out.addAll(MigrationHistory.flywayLocations(file));
    } catch (IOException e) {
      throw new SplitRefused(Text.of("cannot read Flyway's configuration: %s", e.getMessage()));
    }
    out.add(location(file.toAbsolutePath().normalize().getParent()));
    return List.copyOf(out);
  }

  /** The nearest folder up from {@code dir} named migration or migrations, else {@code dir}. */
  private static Path location(Path dir) {
    for (Path d = dir; d != null; d = d.getParent()) {
      String name = d.getFileName() == null ? "" : d.getFileName().toString();
      if (name.equals("migration") || name.equals("migrations")) return d;
    }
    return dir;
  }

  /** version.1, .2, ... or, when one is taken or would sort after an existing version, version.0.1, ... */
  private static List<String> freeVersions(List<Path> dirs, String version, int count) throws SplitRefused {
    if (count == 0) return List.of();
    List<List<BigInteger>> existing = new ArrayList<>();
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) continue; // a configured location that does not exist holds no version
      try (Stream<Path> entries = Files.walk(dir, 16)) {
        for (Path p : (Iterable<Path>) entries::iterator) {
          Matcher m = VERSIONED.matcher(p.getFileName().toString());
          if (m.matches()) existing.add(parts(m.group(1)));
        }
      } catch (IOException e) {
        throw new SplitRefused(Text.of("cannot list %s: %s", String.valueOf(dir), e.getMessage()));
      }
    }
    List<BigInteger> base = parts(version);
    for (int zeros = 0; zeros < 4; zeros++) {
      List<String> candidates = new ArrayList<>();
      for (int i = 1; i <= count; i++) candidates.add(version + ".0".repeat(zeros) + "." + i);
      List<BigInteger> last = parts(candidates.get(count - 1));
      boolean free = existing.stream().noneMatch(v -> compare(v, base) > 0 && compare(v, last) <= 0);
      if (free) return candidates;
    }
    throw new SplitRefused(Text.of("no free Flyway version right after %s", version));
  }

  private static List<BigInteger> parts(String version) {
    List<BigInteger> out = new ArrayList<>();
    for (String p : version.split("[._]")) out.add(new BigInteger(p));
    return out;
  }

  /** Flyway's order: part by part, numerically, missing parts are 0. */
  private static int compare(List<BigInteger> a, List<BigInteger> b) {
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      int c = (i < a.size() ? a.get(i) : BigInteger.ZERO).compareTo(i < b.size() ? b.get(i) : BigInteger.ZERO);
      if (c != 0) return c;
    }
    return 0;
  }
}
