package dev.lockstep.split;

import dev.lockstep.i18n.Catalog;
import dev.lockstep.fix.Relocation;
import java.nio.file.Path;
import java.util.List;

/**
 * golang-migrate: a new numbered pair &lt;version&gt;_&lt;name&gt;.up.sql / .down.sql. It sends a file in
 * one call, which PostgreSQL runs in an implicit transaction when it holds several statements, so
 * a migration that must run outside a transaction holds exactly one.
 */
final class GolangMigrateLayout implements MigrationLayout {
  private final Catalog catalog;

  GolangMigrateLayout(Catalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public boolean oneStatementOutsideTransaction() {
    return true;
  }

  @Override
  public SplitPlan place(Path file, String text, String rest, List<List<Relocation>> groups) throws SplitRefused {
    String name = file.getFileName().toString();
    List<SplitPlan.NewFile> files = NumberedNames.after(file.getParent(), NumberedNames.version(name), groups.size(),
        (i, version) -> {
          List<Relocation> group = groups.get(i);
          String base = version + "_" + Splitter.slug(group);
          String undo = Splitter.undo(group);
          String none = "-- " + catalog.format("Nothing to undo: the up migration changes no schema object's definition.") + "\n";
          return List.of(
              new SplitPlan.NewFile(file.resolveSibling(base + ".up.sql"),
                  Headers.sql("--", file, group, catalog) + Splitter.sql(group), null),
              new SplitPlan.NewFile(file.resolveSibling(base + ".down.sql"), undo != null ? undo : none, null));
        });
    return new SplitPlan(rest, files, List.of());
  }
}
