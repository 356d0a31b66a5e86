package dev.lockstep.split;

import dev.lockstep.i18n.Catalog;
import dev.lockstep.fix.Relocation;
import java.nio.file.Path;
import java.util.List;

/**
 * dbmate: a new &lt;version&gt;_&lt;name&gt;.sql with the next free version; {@code transaction:false}
 * on its up marker when it must run outside a transaction. dbmate sends a migration in one call,
 * so such a migration holds one statement.
 */
final class DbmateLayout implements MigrationLayout {
  private final Catalog catalog;

  DbmateLayout(Catalog catalog) {
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
          String undo = Splitter.undo(group);
          String body = Headers.sql("--", file, group, catalog)
              + "-- migrate:up" + (group.get(0).outsideTransaction() ? " transaction:false" : "") + "\n"
              + Splitter.sql(group) + "\n-- migrate:down" + (group.get(0).outsideTransaction() ? " transaction:false" : "")
              + "\n" + (undo != null ? undo : "");
          return List.of(new SplitPlan.NewFile(file.resolveSibling(version + "_" + Splitter.slug(group) + ".sql"), body,
              null));
        });
    return new SplitPlan(rest, files, List.of());
  }
}
