package dev.lockstep.history;

import dev.lockstep.i18n.Text;
import dev.lockstep.frameworks.Framework;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The earlier migrations of a file's history, in the order its tool applies them, each marked
 * applied or pending. A history whose order cannot be known (an ambiguous version, a journal that
 * names a missing file, a side file that does not parse) gives located problems and no earlier
 * migrations: the file is then judged alone. One instance remembers the orders it read, so linting a
 * folder reads its listing, journal or changelog once. Safe for several threads.
 */
public final class MigrationHistory {
  /** One earlier migration, and whether it is pending (not applied in production yet). */
  public record Earlier(Migration migration, boolean pending) {}

  /** A file's earlier migrations, or the problems that kept them from being known. */
  public record History(List<Earlier> earlier, List<HistoryProblem> problems) {
    public History {
      earlier = List.copyOf(earlier);
      problems = List.copyOf(problems);
    }

    public static final History NONE = new History(List.of(), List.of());
  }

  private final PendingMigrations pending;
  private final Map<String, MigrationOrder> orders = new ConcurrentHashMap<>();

  public MigrationHistory(PendingMigrations pending) {
    this.pending = pending;
  }

  public PendingMigrations pending() {
    return pending;
  }

  /** The migrations applied before {@code file} by {@code tool}, oldest first. */
  public History before(Path file, Framework tool) {
    Path abs = file.toAbsolutePath().normalize();
    // standard input named after a file that is not there (--stdin-filename): no siblings to read
    if (abs.getParent() == null || !Files.isDirectory(abs.getParent())) return History.NONE;
    MigrationOrder order;
    try {
      order = orders.computeIfAbsent(tool.id() + "\0" + root(abs, tool), k -> read(abs, tool));
    } catch (UncheckedIOException e) {
      return new History(List.of(), List.of(HistoryProblem.at(abs, Text.of("cannot read its migration history: %s",
          String.valueOf(e.getCause().getMessage())))));
    }
    if (!order.problems().isEmpty()) return new History(List.of(), order.problems());
    int index = indexOf(order, abs);
    if (index <= 0) return History.NONE; // the first migration, or a file its tool does not run
    PendingMigrations.Decision decision = pending.decide(tool, order, index);
    if (decision.problem() != null) return new History(List.of(), List.of(HistoryProblem.at(abs, decision.problem())));
    List<Earlier> earlier = new ArrayList<>();
    for (int i = 0; i < index; i++) earlier.add(new Earlier(order.migrations().get(i), decision.pending()[i]));
    return new History(earlier, List.of());
  }

  /**
   * The folders Flyway searches for migrations of the project that holds {@code file}: its
   * configured locations, or Flyway's default db/migration, or else the file's own folder.
   */
  public static List<Path> flywayLocations(Path file) throws IOException {
    return FlywayOrder.locations(file.toAbsolutePath().normalize()).paths();
  }

  /** Every migration of the history that holds {@code file} (absolute, normalized). */
  public static MigrationOrder order(Path file, Framework tool) throws IOException {
    return switch (tool) {
      case FLYWAY -> FlywayOrder.of(file);
      case LIQUIBASE -> LiquibaseOrder.of(file);
      case DRIZZLE -> DrizzleOrder.applies(file) ? DrizzleOrder.of(file) : MigrationOrder.NONE;
      case SQITCH -> SqitchOrder.of(file);
      case PRISMA -> NumberedFiles.of(file, NumberedFiles.Layout.PRISMA);
      case GOOSE -> NumberedFiles.of(file, NumberedFiles.Layout.GOOSE);
      case DBMATE -> NumberedFiles.of(file, NumberedFiles.Layout.DBMATE);
      // a folder with pop's dialect files (x.postgres.up.sql) is pop's, whatever its generic files look like
      case GOLANG_MIGRATE -> NumberedFiles.of(file, NumberedFiles.popFolder(file.getParent())
          ? NumberedFiles.Layout.POP : NumberedFiles.Layout.GOLANG_MIGRATE);
      case SUPABASE -> NumberedFiles.of(file, NumberedFiles.Layout.SUPABASE);
      case POP -> NumberedFiles.of(file, NumberedFiles.Layout.POP);
      case HASURA -> file.getParent().getParent() == null ? MigrationOrder.NONE : NumberedFiles.of(file, NumberedFiles.Layout.HASURA);
      // plain files have an order only when they are numbered: 001_x.sql, 002_y.sql; node-pg-migrate,
      // postgres-migrations and in-house runners number theirs the same way
      case PLAIN, NODE_PG_MIGRATE, POSTGRES_MIGRATIONS, CUSTOM -> file.getFileName().toString().matches("^[0-9]+.*") ? NumberedFiles.of(file, NumberedFiles.Layout.PLAIN)
          : MigrationOrder.NONE;
      // a schema dump is restored whole, into an empty database
      case SCHEMA_DUMP -> MigrationOrder.NONE;
    };
  }

  private static MigrationOrder read(Path file, Framework tool) {
    try {
      return order(file, tool);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the order depends on besides the tool: the folder read (Prisma and Hasura: the one above). */
  private static Path root(Path file, Framework tool) {
    boolean perFolder = tool == Framework.PRISMA || tool == Framework.HASURA;
    Path parent = file.getParent();
    return perFolder && parent.getParent() != null ? parent.getParent() : parent;
  }

  private static int indexOf(MigrationOrder order, Path file) {
    List<Migration> all = order.migrations();
    for (int i = 0; i < all.size(); i++) if (all.get(i).path().equals(file)) return i;
    return -1;
  }
}
