package dev.lockstep.split;

import dev.lockstep.i18n.Catalog;
import dev.lockstep.fix.Relocation;
import java.nio.file.Path;
import java.util.List;

/**
 * goose: a new &lt;version&gt;_&lt;name&gt;.sql with the next free version, marked
 * {@code -- +goose NO TRANSACTION} when it must run outside a transaction (goose then runs its
 * statements one by one).
 */
final class GooseLayout implements MigrationLayout {
  private final Catalog catalog;

  GooseLayout(Catalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public boolean oneStatementOutsideTransaction() {
    return false;
  }

  @Override
  public SplitPlan place(Path file, String text, String rest, List<List<Relocation>> groups) throws SplitRefused {
    String name = file.getFileName().toString();
    List<SplitPlan.NewFile> files = NumberedNames.after(file.getParent(), NumberedNames.version(name), groups.size(),
        (i, version) -> {
          List<Relocation> group = groups.get(i);
          StringBuilder sb = new StringBuilder(Headers.sql("--", file, group, catalog));
          if (group.get(0).outsideTransaction()) sb.append("-- +goose NO TRANSACTION\n");
          sb.append("-- +goose Up\n").append(Splitter.sql(group));
          String undo = Splitter.undo(group);
          if (undo != null) sb.append("\n-- +goose Down\n").append(undo);
          return List.of(new SplitPlan.NewFile(file.resolveSibling(version + "_" + Splitter.slug(group) + ".sql"),
              sb.toString(), null));
        });
    return new SplitPlan(rest, files, List.of());
  }
}
