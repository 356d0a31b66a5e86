package dev.lockstep.history;

import java.util.List;

/** Every migration of one history in the order its tool applies them, or why that order is not known. */
public record MigrationOrder(List<Migration> migrations, List<HistoryProblem> problems) {
  public MigrationOrder {
    migrations = List.copyOf(migrations);
    problems = List.copyOf(problems);
  }

  static MigrationOrder of(List<Migration> migrations) {
    return new MigrationOrder(migrations, List.of());
  }

  static MigrationOrder failed(HistoryProblem problem) {
    return new MigrationOrder(List.of(), List.of(problem));
  }

  /** A file on its own: its tool's history is not known here (no journal, no changelog that includes it). */
  static final MigrationOrder NONE = new MigrationOrder(List.of(), List.of());
}
