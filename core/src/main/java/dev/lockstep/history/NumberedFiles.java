package dev.lockstep.history;

import dev.lockstep.i18n.Text;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Tools that run the migrations of one folder by the number their names start with: goose,
 * dbmate, golang-migrate, Supabase, pop, plain numbered files; and the ones that keep a migration
 * per sub-folder (Prisma, Hasura). Down files are not part of the history. Where the documentation
 * or source of the tool says so, two files with one version make the order ambiguous (the tool
 * refuses to run):
 * <ul>
 *   <li>goose: {@code <version>_<name>.sql}, applied by version as a number; a duplicate version is an
 *       error (pressly/goose, {@code collectMigrations}: "duplicate version");</li>
 *   <li>golang-migrate: {@code <version>_<title>.up.sql}, by version as a number; a duplicate is an
 *       error (golang-migrate/migrate {@code source/parse.go} and {@code source/migration.go});</li>
 *   <li>dbmate: {@code <version>_<name>.sql}, by file name (amacneil/dbmate reads the folder sorted);</li>
 *   <li>Prisma: {@code migrations/<folder>/migration.sql}, by folder name (prisma migrate's
 *       documentation: "sorted by name, which begins with a timestamp");</li>
 *   <li>Supabase, pop, Hasura, plain numbered files: by the leading number, then name.</li>
 * </ul>
 */
final class NumberedFiles {
  /** How one tool names its migrations. */
  enum Layout {
    GOOSE(Pattern.compile("^([0-9]+)_.*\\.sql$"), true, false),
    GOLANG_MIGRATE(Pattern.compile("^([0-9]+)_.*\\.up\\.[^.]+$"), true, false),
    DBMATE(Pattern.compile("^([0-9]+).*\\.sql$"), false, false),
    SUPABASE(Pattern.compile("^([0-9]+)_.*\\.sql$"), false, false),
    POP(Pattern.compile("^([0-9]+)_.*\\.up\\.sql$"), false, false),
    PLAIN(Pattern.compile("^([0-9]+).*\\.sql$"), false, false),
    PRISMA(Pattern.compile("^([0-9]*).*$"), false, true),
    HASURA(Pattern.compile("^([0-9]+)_.*$"), false, true);

    final Pattern name;
    /** The tool refuses two files with one version. */
    final boolean uniqueVersions;
    /** One folder per migration, holding the file; otherwise one file per migration. */
    final boolean folders;

    Layout(Pattern name, boolean uniqueVersions, boolean folders) {
      this.name = name;
      this.uniqueVersions = uniqueVersions;
      this.folders = folders;
    }
  }

  private NumberedFiles() {}

  /** The history that holds {@code file} (absolute, normalized). */
  static MigrationOrder of(Path file, Layout layout) throws IOException {
    Path folder = layout.folders ? file.getParent().getParent() : file.getParent();
    String fileName = file.getFileName().toString();
    List<Entry> entries = new ArrayList<>();
    try (Stream<Path> list = Files.list(folder)) {
      for (Path p : (Iterable<Path>) list::iterator) {
        String name = p.getFileName().toString();
        if (down(name) || !layout.folders && !name.endsWith(".sql")) continue;
        Matcher m = layout.name.matcher(name);
        if (!m.matches()) continue;
        Path migration = layout.folders ? p.resolve(fileName) : p;
        if (!Files.isRegularFile(migration)) continue;
        MigrationVersion version = MigrationVersion.parse(m.group(1)).orElse(null);
        entries.add(new Entry(migration, name, version));
      }
    }
    if (layout == Layout.POP) preferPostgres(entries);
    Comparator<Entry> order = layout == Layout.DBMATE || layout == Layout.PRISMA
        ? Comparator.comparing(Entry::name)
        : Comparator.comparing(Entry::version, Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(Entry::name);
    entries.sort(order);
    if (layout.uniqueVersions) {
      Map<MigrationVersion, Entry> seen = new HashMap<>();
      for (Entry e : entries) {
        Entry other = seen.putIfAbsent(e.version(), e);
        if (other != null) {
          return MigrationOrder.failed(HistoryProblem.at(e.path(), Text.of("version %s is also %s: the tool refuses to run two migrations with one version",
              String.valueOf(e.version()), String.valueOf(other.path().getFileName()))));
        }
      }
    }
    List<Migration> out = new ArrayList<>();
    for (Entry e : entries) {
      String key = e.version() == null ? e.name() : e.version().toString();
      if (layout == Layout.PRISMA) key = e.name(); // _prisma_migrations.migration_name is the folder
      out.add(new Migration(e.path(), e.name(), key, e.version()));
    }
    return MigrationOrder.of(out);
  }

  /** Whether the folder holds pop's dialect-specific files ({@code <version>_<name>.postgres.up.sql}). */
  static boolean popFolder(Path folder) throws IOException {
    try (Stream<Path> list = Files.list(folder)) {
      return list.anyMatch(p -> POP_DIALECT.matcher(p.getFileName().toString()).find());
    }
  }

  private record Entry(Path path, String name, MigrationVersion version) {}

  static boolean down(String name) {
    return name.endsWith(".down.sql") || name.equals("down.sql");
  }

  private static final Pattern POP_DIALECT = Pattern.compile("\\.(cockroach|mysql|sqlite3?|postgres)(\\.autocommit)?\\.up\\.sql$");

  /**
   * pop runs a dialect's own file ({@code .postgres.up.sql}) instead of the generic one of the same
   * version, and never another dialect's.
   */
  private static void preferPostgres(List<Entry> entries) {
    entries.removeIf(e -> POP_DIALECT.matcher(e.name()).find() && !e.name().contains(".postgres."));
    Map<MigrationVersion, Boolean> hasPostgres = new HashMap<>();
    for (Entry e : entries) if (e.name().contains(".postgres.")) hasPostgres.put(e.version(), true);
    entries.removeIf(e -> !POP_DIALECT.matcher(e.name()).find() && hasPostgres.containsKey(e.version()));
  }
}
