package dev.lockstep.split;

import dev.lockstep.i18n.Catalog;
import dev.lockstep.fix.Relocation;
import java.nio.file.Path;
import java.util.List;

/**
 * Prisma: a new migration folder &lt;timestamp&gt;_&lt;name&gt;/migration.sql whose timestamp sorts right
 * after the original's. Prisma sends migration.sql in one call, so a migration that must run
 * outside a transaction holds exactly one statement.
 */
final class PrismaLayout implements MigrationLayout {
  private final Catalog catalog;

  PrismaLayout(Catalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public boolean oneStatementOutsideTransaction() {
    return true;
  }

  @Override
  public SplitPlan place(Path file, String text, String rest, List<List<Relocation>> groups) throws SplitRefused {
    Path folder = file.getParent();
    if (folder == null || folder.getParent() == null || !file.getFileName().toString().equals("migration.sql")) {
      throw new SplitRefused("a Prisma migration is <timestamp>_<name>/migration.sql");
    }
    List<SplitPlan.NewFile> files = NumberedNames.after(folder.getParent(),
        NumberedNames.version(folder.getFileName().toString()), groups.size(), (i, version) -> {
          List<Relocation> group = groups.get(i);
          Path target = folder.resolveSibling(version + "_" + Splitter.slug(group)).resolve("migration.sql");
          return List.of(new SplitPlan.NewFile(target, Headers.sql("--", file, group, catalog) + Splitter.sql(group), null));
        });
    return new SplitPlan(rest, files, List.of());
  }
}
