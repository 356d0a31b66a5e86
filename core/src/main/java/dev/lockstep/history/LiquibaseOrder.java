package dev.lockstep.history;

import dev.lockstep.frameworks.Canonical;
import dev.lockstep.frameworks.LiquibaseChangelog;
import dev.lockstep.i18n.Text;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Liquibase's order: the master changelog's entries as {@link LiquibaseChangelog} expands them.
 * Source: Liquibase's documentation (include, includeAll, sqlFile), checked with liquibase-core 4.33.
 */
final class LiquibaseOrder {
  private LiquibaseOrder() {}

  static MigrationOrder of(Path file) {
    Path real = Canonical.of(file);
    LiquibaseChangelog log = LiquibaseChangelog.including(real);
    if (log == null) return MigrationOrder.NONE;
    if (!log.problems().isEmpty()) {
      List<HistoryProblem> problems = new ArrayList<>();
      for (LiquibaseChangelog.Problem p : log.problems()) {
        problems.add(new HistoryProblem(p.file(), p.line(), p.column(), p.message()));
      }
      return new MigrationOrder(List.of(), problems);
    }
    Path dir = log.master().getParent();
    List<Migration> out = new ArrayList<>();
    for (LiquibaseChangelog.Entry e : log.entries()) {
      Path p = e.file().equals(real) ? file : e.file();
      String name = e.file().startsWith(dir) ? dir.relativize(e.file()).toString() : e.file().toString();
      out.add(new Migration(p, name, name, null));
    }
    return MigrationOrder.of(out);
  }
}
