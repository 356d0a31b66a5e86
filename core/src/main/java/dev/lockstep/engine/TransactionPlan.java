package dev.lockstep.engine;

import dev.lockstep.parse.ParsedFile;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.AlterSystem;
import dev.lockstep.parse.ast.CreateIndex;
import dev.lockstep.parse.ast.DatabaseCommand;
import dev.lockstep.parse.ast.Drop;
import dev.lockstep.parse.ast.Node;
import dev.lockstep.parse.ast.Reindex;
import dev.lockstep.parse.ast.ReindexKind;
import dev.lockstep.parse.ast.Vacuum;
import java.util.ArrayList;
import java.util.List;

/**
 * How the migration tool runs the parts of a file: inside a transaction it opens, or statement by
 * statement. Explicit BEGIN/COMMIT in the file come on top (see MigrationContext).
 *
 * @param tool                 the tool that runs the file, so that advice is given in its terms
 * @param toolLockTransaction  the tool keeps a transaction open on another connection while it migrates
 *                             (Flyway's postgresql.transactional.lock, on by default): a statement that
 *                             waits for every open transaction (CREATE INDEX CONCURRENTLY) waits for it
 *                             forever
 * @param runner               how the tool runs a deploy, as advice needs it; null when no tool is
 *                             known (plain SQL)
 * @param toolCuts             where the tool cuts the text into the statements it sends, when that is
 *                             not where PostgreSQL's statements end (Liquibase's splitStatements)
 */
public record TransactionPlan(List<Region> regions, Tool tool, boolean toolLockTransaction, Runner runner,
                              List<ToolCut> toolCuts) {
  public TransactionPlan {
    regions = List.copyOf(regions);
    toolCuts = List.copyOf(toolCuts);
    if (runner != null && runner.tool() != tool) {
      throw new IllegalArgumentException("runner " + runner.tool() + " for a file of " + tool);
    }
  }

  public TransactionPlan(List<Region> regions, Tool tool, boolean toolLockTransaction, Runner runner) {
    this(regions, tool, toolLockTransaction, runner, List.of());
  }

  /**
   * A place the tool cuts the text before sending it: the delimiter at [start, end).
   *
   * @param optOutAt where the words that turn the cutting off go (the end of Liquibase's --changeset line)
   * @param inTransaction the part holding the cut runs in the tool's transaction
   */
  public record ToolCut(int start, int end, int optOutAt, boolean inTransaction) {}

  /** A plan of a file whose tool is not known. */
  public TransactionPlan(List<Region> regions) {
    this(regions, Tool.UNKNOWN, false, null);
  }

  /** The same plan run by {@code tool}, as {@code runner} (null when no tool runs it) describes it. */
  public TransactionPlan withRunner(Tool tool, Runner runner) {
    return new TransactionPlan(regions, tool, toolLockTransaction, runner, toolCuts);
  }

  /**
   * The migration tools whose terms advice can use (the same as dev.lockstep.frameworks.Framework,
   * which this package cannot see); UNKNOWN when no tool was recognised or named.
   */
  public enum Tool {
    FLYWAY, LIQUIBASE, GOOSE, DBMATE, GOLANG_MIGRATE, DRIZZLE, PRISMA, SQITCH, POP, HASURA, SUPABASE,
    NODE_PG_MIGRATE, POSTGRES_MIGRATIONS, CUSTOM, PLAIN, SCHEMA_DUMP, UNKNOWN;

    /** The id used on the command line and in messages, e.g. "golang-migrate" ("custom" for a declared runner). */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * A migration tool as advice needs it.
   *
   * @param tool the tool (CUSTOM for a runner declared in lockstep.toml)
   * @param oneTransactionPerRun every pending migration runs in one transaction (Drizzle's migrator,
   *     node-pg-migrate): a later migration of the same deploy is not a later transaction
   * @param optOut the line a file holds to run without the tool's transaction, or null when it has none
   */
  public record Runner(Tool tool, boolean oneTransactionPerRun, String optOut) {}

  /** How the tool runs the statements that start in [start, end). */
  public enum Mode {
    /** Each statement on its own (psql, a runner without a transaction). */
    AUTOCOMMIT,
    /** The tool wraps the region in one transaction. */
    WRAPPED,
    /** Sent in one call: PostgreSQL runs several statements as one implicit transaction, a single one alone. */
    ONE_CALL,
    /**
     * Flyway with mixed=true: a transaction, unless a statement Flyway knows cannot run in one is in the
     * script (then Flyway runs the whole script without a transaction).
     */
    FLYWAY_AUTO,
    /**
     * Flyway's default (mixed=false): a transaction when every statement can run in one, none when no
     * statement can; a script holding both is refused ("Detected both transactional and
     * non-transactional statements within the same migration"), which is read here as a transaction.
     */
    FLYWAY_STRICT
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
        case FLYWAY_AUTO -> inside.stream().noneMatch(s -> flywayNonTransactional(s.node()));
        case FLYWAY_STRICT -> !inside.stream().allMatch(s -> flywayNonTransactional(s.node()));
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

  /**
   * Flyway refuses this region (its default mixed=false): statements Flyway runs outside a transaction
   * beside statements it runs in one.
   */
  public boolean flywayRefusesMix(int offset, List<Statement> statements) {
    for (Region r : regions) {
      if (r.mode() != Mode.FLYWAY_STRICT || offset < r.start() || offset >= r.end()) continue;
      boolean some = false;
      boolean all = true;
      for (Statement s : statements) {
        if (s.enclosingIndex() >= 0 || s.span().start() < r.start() || s.span().start() >= r.end()) continue;
        boolean non = flywayNonTransactional(s.node());
        some |= non;
        all &= non;
      }
      return some && !all;
    }
    return false;
  }

  /**
   * The statements Flyway's PostgreSQL parser runs outside a transaction, as the real Flyway does
   * (dev.lockstep.tools.FlywayOnPostgresTest): CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY,
   * VACUUM, CREATE and DROP DATABASE, ALTER SYSTEM, REINDEX SCHEMA/SYSTEM/DATABASE. It wraps the rest,
   * REINDEX INDEX/TABLE CONCURRENTLY, DETACH
   * PARTITION ... CONCURRENTLY and ALTER TYPE ... ADD VALUE among them.
   */
  public static boolean flywayNonTransactional(Node node) {
    return node instanceof CreateIndex i && i.concurrently() || node instanceof Drop d && d.concurrently()
        || node instanceof Vacuum v && v.vacuum() || node instanceof DatabaseCommand || node instanceof AlterSystem
        || node instanceof Reindex r && reindexesMany(r);
  }

  /** REINDEX SCHEMA, SYSTEM or DATABASE: PostgreSQL runs them only outside a transaction block. */
  public static boolean reindexesMany(Reindex r) {
    return r.objectKind() == ReindexKind.SCHEMA || r.objectKind() == ReindexKind.SYSTEM
        || r.objectKind() == ReindexKind.DATABASE;
  }

  /**
   * Statements that wait for every transaction open when they start, so that a migration tool's own
   * open transaction makes them wait forever: CREATE INDEX and REINDEX CONCURRENTLY (checked with
   * Flyway's lock transaction).
   */
  public static boolean waitsForOpenTransactions(Node node) {
    return node instanceof CreateIndex i && i.concurrently() || node instanceof Reindex r && r.concurrently();
  }
}
