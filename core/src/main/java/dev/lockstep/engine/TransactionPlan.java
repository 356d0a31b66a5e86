package dev.lockstep.engine;

import dev.lockstep.parse.ParsedFile;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.AlterEnum;
import dev.lockstep.parse.ast.CreateIndex;
import dev.lockstep.parse.ast.Drop;
import dev.lockstep.parse.ast.Node;
import dev.lockstep.parse.ast.Reindex;
import dev.lockstep.parse.ast.Vacuum;
import java.util.ArrayList;
import java.util.List;

/**
 * How the migration tool runs the parts of a file: inside a transaction it opens, or statement by
 * statement. Explicit BEGIN/COMMIT in the file come on top (see MigrationContext).
 *
 * @param runner the migration tool that runs the file, so that advice can speak its terms; null when
 *     no tool is known (plain SQL)
 */
public record TransactionPlan(List<Region> regions, Runner runner) {
  public TransactionPlan {
    regions = List.copyOf(regions);
  }

  public TransactionPlan(List<Region> regions) {
    this(regions, null);
  }

  /** The same plan run by {@code runner}. */
  public TransactionPlan withRunner(Runner runner) {
    return new TransactionPlan(regions, runner);
  }

  /**
   * A migration tool as advice needs it.
   *
   * @param tool the tool's id, e.g. "drizzle" ("custom" for a runner declared in lockstep.toml)
   * @param oneTransactionPerRun every pending migration runs in one transaction (Drizzle's migrator,
   *     node-pg-migrate): a later migration of the same deploy is not a later transaction
   * @param optOut the line a file holds to run without the tool's transaction, or null when it has none
   */
  public record Runner(String tool, boolean oneTransactionPerRun, String optOut) {}

  /** How the tool runs the statements that start in [start, end). */
  public enum Mode {
    /** Each statement on its own (psql, a runner without a transaction). */
    AUTOCOMMIT,
    /** The tool wraps the region in one transaction. */
    WRAPPED,
    /** Sent in one call: PostgreSQL runs several statements as one implicit transaction, a single one alone. */
    ONE_CALL,
    /**
     * Flyway: a transaction, unless a statement cannot run in one (then Flyway runs the script without
     * a transaction when mixed=true, and refuses it otherwise).
     */
    FLYWAY_AUTO
  }

  public record Region(int start, int end, Mode mode) {}

  public static TransactionPlan whole(int length, Mode mode) {
    return new TransactionPlan(List.of(new Region(0, length, mode)));
  }

  /** A plain file: wrapped when the options assume a runner transaction, statement by statement otherwise. */
  static TransactionPlan forOptions(int length, LintOptions options) {
    return whole(length, options.assumeInTransaction() ? Mode.WRAPPED : Mode.AUTOCOMMIT);
  }

  /** For each statement: the runner's transaction number (its region's index), or -1. */
  public int[] wrappedTransactions(ParsedFile file) {
    List<Statement> statements = file.statements();
    int[] out = new int[statements.size()];
    java.util.Arrays.fill(out, -1);
    for (int r = 0; r < regions.size(); r++) {
      Region region = regions.get(r);
      List<Statement> inside = new ArrayList<>();
      for (Statement s : statements) {
        if (s.enclosingIndex() < 0 && s.span().start() >= region.start() && s.span().start() < region.end()) inside.add(s);
      }
      boolean wrapped = switch (region.mode()) {
        case AUTOCOMMIT -> false;
        case WRAPPED -> true;
        case ONE_CALL -> inside.size() > 1;
        case FLYWAY_AUTO -> inside.stream().noneMatch(s -> nonTransactional(s.node()));
      };
      for (Statement s : inside) out[s.index()] = wrapped ? r : -1;
    }
    return out;
  }

  /** The end of the region (e.g. goose's Up section) that holds this offset. */
  public int regionEnd(int offset) {
    for (Region r : regions) if (offset >= r.start() && offset < r.end()) return r.end();
    return regions.isEmpty() ? offset : regions.get(regions.size() - 1).end();
  }

  /** The tool sends the statement's region in one call (an implicit transaction block). */
  public boolean oneCall(int offset) {
    return regions.stream().anyMatch(r -> r.mode() == Mode.ONE_CALL && offset >= r.start() && offset < r.end());
  }

  /** Statements PostgreSQL refuses inside a transaction block. */
  static boolean nonTransactional(Node node) {
    return node instanceof CreateIndex i && i.concurrently() || node instanceof Drop d && d.concurrently()
        || node instanceof Reindex r && r.concurrently() || node instanceof Vacuum v && v.vacuum()
        || node instanceof AlterEnum;
  }
}
