package dev.lockstep.rules.support;

import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.i18n.Text;
import dev.lockstep.engine.SchemaModel;
import dev.lockstep.parse.ast.RangeVar;
import java.util.ArrayList;
import java.util.List;

/**
 * pg_repack's command line: it rebuilds a table into a copy while reads and writes go on, replays the
 * changes made meanwhile from a log table, and takes ACCESS EXCLUSIVE only briefly, to install its
 * trigger and to swap the files. It connects as psql does, from PGHOST, PGPORT, PGDATABASE and PGUSER.
 */
public final class PgRepack {
  /** Seconds pg_repack waits for its brief ACCESS EXCLUSIVE lock before giving up (with --no-kill-backend). */
  public static final int WAIT_TIMEOUT_SECONDS = 60;
  /** The label of the step that a shell runs, not a database session. */
  public static final String SHELL_STEP = "shell command, connected by the PGHOST, PGPORT, PGDATABASE and PGUSER variables";
  public static final String EXTENSION_STEP = "once per database, as a superuser, its own transaction";

  private PgRepack() {}

  /** {@code pg_repack --table=t [options] --wait-timeout=60 --no-kill-backend}; a null table repacks every table. */
  public static String command(RangeVar table, String... options) {
    List<String> words = new ArrayList<>(List.of("pg_repack"));
    if (table != null) words.add("--table=" + shellWord(table.qualifiedName()));
    words.addAll(List.of(options));
    words.add("--wait-timeout=" + WAIT_TIMEOUT_SECONDS);
    words.add("--no-kill-backend");
    return String.join(" ", words);
  }

  /** The extension, then the command. */
  public static Rewrite rewrite(Text summary, String command) {
    return Rewrite.of(summary, new Rewrite.Step(EXTENSION_STEP, "CREATE EXTENSION IF NOT EXISTS pg_repack;"),
        Rewrite.Step.shell(SHELL_STEP, command));
  }

  /**
   * The migrations read created the table and gave it neither a primary key nor a unique constraint
   * or index on NOT NULL columns: pg_repack skips it with a warning. False where the table is not
   * known (it may have a key the migrations read do not show).
   */
  public static boolean lacksKey(MigrationContext context, RangeVar table) {
    var known = context.table(table).filter(SchemaModel.Table::createdInHistory);
    if (known.isEmpty()) return false;
    SchemaModel.Table t = known.get();
    for (SchemaModel.TableConstraint c : t.constraints().values()) {
      if (c.kind() == SchemaModel.ConstraintKind.PRIMARY_KEY) return false;
      if (c.kind() == SchemaModel.ConstraintKind.UNIQUE && allNotNull(t, c.columns())) return false;
    }
    for (SchemaModel.Index i : context.model().indexesOn(t.name())) {
      if (i.unique() && i.valid() && !i.columns().contains(null) && allNotNull(t, i.columns())) return false;
    }
    return true;
  }

  private static boolean allNotNull(SchemaModel.Table t, List<String> columns) {
    return !columns.isEmpty() && columns.stream().allMatch(c -> t.column(c).map(SchemaModel.Column::notNull).orElse(false));
  }

  /** An option's value as one shell word: as it is when it needs no quoting, in single quotes otherwise. */
  public static String shellWord(String value) {
    return value.matches("[A-Za-z0-9_.,:/@%+=-]+") ? value : "'" + value.replace("'", "'\\''") + "'";
  }
}
