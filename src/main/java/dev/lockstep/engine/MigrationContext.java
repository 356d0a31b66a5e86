package dev.lockstep.engine;

import dev.lockstep.parse.ParsedFile;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.CreateTable;
import dev.lockstep.parse.ast.RangeVar;
import dev.lockstep.parse.ast.SetVariable;
import dev.lockstep.parse.ast.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Facts about a migration file that rules read, computed once: which tables the file created
 * (they have no traffic yet), the transaction state and the lock_timeout in effect at each
 * statement, and the target PostgreSQL major.
 */
public final class MigrationContext {
  private final LintOptions options;
  private final List<Created> created = new ArrayList<>();
  private final boolean[] inExplicitTransaction;
  private final String[] lockTimeout;

  private record Created(String schema, String name, int statementIndex) {}

  public MigrationContext(ParsedFile file, LintOptions options) {
    this.options = options;
    int n = file.statements().size();
    inExplicitTransaction = new boolean[n];
    lockTimeout = new String[n];
    boolean open = false;
    String timeout = null;
    for (Statement s : file.statements()) {
      inExplicitTransaction[s.index()] = open;
      lockTimeout[s.index()] = timeout;
      if (s.node() instanceof Transaction t) {
        if (t.begins()) open = true;
        if (t.ends()) open = false;
      } else if (s.node() instanceof SetVariable set && "lock_timeout".equals(set.name())) {
        timeout = "VAR_SET_VALUE".equals(set.setKind()) ? set.value() : null;
      } else if (s.node() instanceof CreateTable ct && ct.table() != null) {
        created.add(new Created(ct.table().schema(), ct.table().name(), s.index()));
      }
    }
  }

  public int pgVersion() {
    return options.pgVersion();
  }

  /** The table was created by an earlier statement of this file, so no application uses it yet. */
  public boolean createdEarlier(RangeVar table, Statement before) {
    if (table == null) return false;
    for (Created c : created) {
      if (c.statementIndex < before.index() && c.name.equals(table.name())
          && schemaOrPublic(c.schema).equals(schemaOrPublic(table.schema()))) {
        return true;
      }
    }
    return false;
  }

  /** An unqualified name resolves through search_path, which is "public" in almost every migration. */
  private static String schemaOrPublic(String schema) {
    return schema == null ? "public" : schema;
  }

  /** Inside BEGIN ... COMMIT, or in a file the runner wraps in a transaction. */
  public boolean inTransaction(Statement statement) {
    return options.assumeInTransaction() || inExplicitTransaction[statement.index()];
  }

  /** The lock_timeout set earlier in the file and still in effect, if any. */
  public Optional<String> lockTimeout(Statement statement) {
    return Optional.ofNullable(lockTimeout[statement.index()]).map(v -> v.toLowerCase(Locale.ROOT));
  }
}
