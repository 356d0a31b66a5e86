package dev.lockstep.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.parse.ParsedFile;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.AlterEnum;
import dev.lockstep.parse.ast.AlterTable;
import dev.lockstep.parse.ast.AlterTableCmd;
import dev.lockstep.parse.ast.Constraint;
import dev.lockstep.parse.ast.CreateDomain;
import dev.lockstep.parse.ast.CreateIndex;
import dev.lockstep.parse.ast.CreateTable;
import dev.lockstep.parse.ast.Node;
import dev.lockstep.parse.ast.RangeVar;
import dev.lockstep.parse.ast.SetVariable;
import dev.lockstep.parse.ast.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Facts about a migration file that rules read, computed once: which tables, indexes and domains
 * the file created (no traffic yet), the transaction each statement runs in, the lock_timeout
 * and statement_timeout in effect, constraints added NOT VALID or validated, enum values added,
 * and the target PostgreSQL major.
 */
public final class MigrationContext {
  private static final int AUTOCOMMIT = -1;
  private static final int DO_BLOCK_TRANSACTIONS = 1 << 30;
  private static final int RUNNER_TRANSACTIONS = 1 << 29;

  private final LintOptions options;
  private final int[] transaction;
  private final boolean[] explicitOpen;
  private final String[] lockTimeout;
  private final String[] statementTimeout;
  /** Events by kind and object (see {@link #key}), each list in statement order. */
  private final java.util.Map<String, List<Event>> events = new java.util.HashMap<>();
  private final List<Statement> statements;
  private final TransactionPlan plan;
  private final java.util.Map<String, Object> memo = new java.util.HashMap<>();
  private final java.util.Map<String, String> notValidTypes = new java.util.HashMap<>();

  /** Something an earlier statement did to a named object. */
  private record Event(Kind kind, String schema, String name, String detail, int statement) {}

  private enum Kind { CREATED_TABLE, CREATED_INDEX, CONSTRAINED_DOMAIN, ADDED_CONSTRAINT, ADDED_NOT_VALID,
    VALIDATED, NOT_NULL_CONSTRAINT, NOT_NULL_PROVEN, ENUM_VALUE, ALTERED_TABLE }

  public MigrationContext(ParsedFile file, LintOptions options) {
    this(file, options, TransactionPlan.forOptions(file.source().text().length(), options));
  }

  public MigrationContext(ParsedFile file, LintOptions options, TransactionPlan plan) {
    this.options = options;
    this.plan = plan;
    int[] wrapped = plan.wrappedTransactions(file);
    this.statements = file.statements();
    int n = file.statements().size();
    transaction = new int[n];
    explicitOpen = new boolean[n];
    lockTimeout = new String[n];
    statementTimeout = new String[n];
    int explicit = AUTOCOMMIT;
    int nextTransaction = 1;
    String[] timeouts = {null, null}; // session values
    String[] local = {null, null}; // SET LOCAL values, until the transaction ends
    for (Statement s : file.statements()) {
      int i = s.index();
      explicitOpen[i] = explicit != AUTOCOMMIT;
      // the runner's transactions are numbered by region from RUNNER_TRANSACTIONS; explicit BEGIN blocks from 1
      transaction[i] = explicit != AUTOCOMMIT ? explicit : wrapped[i] >= 0 ? RUNNER_TRANSACTIONS + wrapped[i] : AUTOCOMMIT;
      if (s.enclosingIndex() >= 0) { // a DO block runs as one statement: its contents share one transaction
        int outer = transaction[s.enclosingIndex()];
        transaction[i] = outer != AUTOCOMMIT ? outer : DO_BLOCK_TRANSACTIONS + s.enclosingIndex();
      }
      lockTimeout[i] = local[0] != null ? local[0] : timeouts[0];
      statementTimeout[i] = local[1] != null ? local[1] : timeouts[1];
      Node node = s.node();
      if (node instanceof Transaction t) {
        if (t.begins()) explicit = nextTransaction++;
        if (t.ends()) {
          explicit = AUTOCOMMIT;
          local[0] = local[1] = null;
        }
      } else if (node instanceof SetVariable set) {
        int which = "lock_timeout".equals(set.name()) ? 0 : "statement_timeout".equals(set.name()) ? 1 : -1;
        if (which >= 0) {
          String value = "VAR_SET_VALUE".equals(set.setKind()) ? set.value() : null;
          if (set.local()) local[which] = value;
          else timeouts[which] = value;
        }
      } else {
        record(s, node);
      }
    }
  }

  private void record(Statement s, Node node) {
    int i = s.index();
    if (node instanceof CreateTable ct && ct.table() != null) {
      add(Kind.CREATED_TABLE, ct.table(), null, i);
    } else if (node.kind().equals("CreateTableAsStmt")) {
      JsonNode rel = node.fields().path("into").path("rel");
      if (rel.isObject()) add(Kind.CREATED_TABLE, RangeVar.fromFields(rel), null, i);
    } else if (node instanceof CreateIndex ci && ci.name() != null) {
      addNamed(new Event(Kind.CREATED_INDEX, ci.table().schema(), ci.name(), null, i));
    } else if (node instanceof CreateDomain d && !d.constraints().isEmpty()) {
      List<String> name = d.name();
      addNamed(new Event(Kind.CONSTRAINED_DOMAIN, null, name.get(name.size() - 1), d.baseType(), i));
    } else if (node instanceof AlterEnum e && e.addsValue()) {
      addNamed(new Event(Kind.ENUM_VALUE, null, e.newValue(), null, i));
    } else if (node instanceof AlterTable at && at.table() != null) {
      add(Kind.ALTERED_TABLE, at.table(), null, i);
      for (AlterTableCmd cmd : at.commands()) {
        if ("AT_ValidateConstraint".equals(cmd.subtype())) {
          add(Kind.VALIDATED, at.table(), cmd.name(), i);
          events(Kind.ADDED_NOT_VALID, at.table()).stream().filter(e -> cmd.name().equals(e.detail) && e.statement < i)
              .findFirst().ifPresent(e -> provesNotNull(at.table(), e.detail, i));
        } else if ("AT_AddConstraint".equals(cmd.subtype()) && cmd.definition().orElse(null) instanceof Constraint c) {
          add(c.notValid() ? Kind.ADDED_NOT_VALID : Kind.ADDED_CONSTRAINT, at.table(), c.name(), i);
          if (c.notValid()) notValidTypes.put(i + ":" + c.name(), c.type());
          String column = Constraints.notNullColumn(c);
          if (column != null) {
            add(Kind.NOT_NULL_CONSTRAINT, at.table(), c.name() + ":" + column, i);
            if (!c.notValid()) add(Kind.NOT_NULL_PROVEN, at.table(), column, i);
          }
        }
      }
    }
  }

  /** VALIDATE of a NOT VALID CHECK (col IS NOT NULL) or NOT NULL constraint proves the column. */
  private void provesNotNull(RangeVar table, String constraint, int statement) {
    for (Event e : List.copyOf(events(Kind.NOT_NULL_CONSTRAINT, table))) {
      if (e.detail.startsWith(constraint + ":")) {
        add(Kind.NOT_NULL_PROVEN, table, e.detail.substring(constraint.length() + 1), statement);
      }
    }
  }

  private void add(Kind kind, RangeVar table, String detail, int statement) {
    events.computeIfAbsent(key(kind, table), k -> new ArrayList<>())
        .add(new Event(kind, table.schema(), table.name(), detail, statement));
  }

  /** An event about an object known by name alone (an index, a domain, an enum value). */
  private void addNamed(Event e) {
    events.computeIfAbsent(e.kind + "|" + e.name, k -> new ArrayList<>()).add(e);
  }

  /** Looking events up by object keeps a file of thousands of statements linear, not quadratic. */
  private static String key(Kind kind, RangeVar table) {
    return kind + "|" + schemaOrPublic(table.schema()) + "." + table.name();
  }

  private List<Event> events(Kind kind, RangeVar table) {
    return events.getOrDefault(key(kind, table), List.of());
  }

  private List<Event> named(Kind kind, String name) {
    return events.getOrDefault(kind + "|" + name, List.of());
  }

  /** An unqualified name resolves through search_path, which is "public" in almost every migration. */
  private static String schemaOrPublic(String schema) {
    return schema == null ? "public" : schema;
  }

  private Optional<Event> earlier(Kind kind, RangeVar table, String detail, Statement before) {
    return events(kind, table).stream()
        .filter(e -> e.statement < before.index() && (detail == null || detail.equals(e.detail)))
        .findFirst();
  }

  /** Every statement of the file, in order. */
  public List<Statement> statements() {
    return statements;
  }

  /** A per-file value a rule computes once (e.g. which statement gets a once-per-file finding). */
  @SuppressWarnings("unchecked")
  public <T> T computeOnce(String key, java.util.function.Supplier<T> compute) {
    return (T) memo.computeIfAbsent(key, k -> compute.get());
  }

  /**
   * The file is pg_dump output (a schema dump such as Rails' structure.sql or dbmate's schema.sql):
   * pg_dump starts every dump with {@code SELECT pg_catalog.set_config('search_path', '', false)}.
   * A dump is loaded into an empty database, not run against live tables.
   */
  public boolean schemaDump() {
    return computeOnce("schema-dump", () -> statements.stream().limit(20)
        .anyMatch(s -> s.text().startsWith("SELECT pg_catalog.set_config('search_path', '', false)")));
  }

  public int pgVersion() {
    return options.pgVersion();
  }

  public LintOptions options() {
    return options;
  }

  /** The table was created by an earlier statement of this file, so no application uses it yet. */
  public boolean createdEarlier(RangeVar table, Statement before) {
    return table != null && earlier(Kind.CREATED_TABLE, table, null, before).isPresent();
  }

  /** An index of this name was created earlier in the file. */
  public boolean indexCreatedEarlier(String name, Statement before) {
    return named(Kind.CREATED_INDEX, name).stream().anyMatch(e -> e.statement < before.index());
  }

  /** The base type of a domain with constraints that was created earlier in the file. */
  public Optional<String> constrainedDomainBaseType(String name, Statement before) {
    return named(Kind.CONSTRAINED_DOMAIN, name).stream().filter(e -> e.statement < before.index())
        .map(Event::detail).findFirst();
  }

  /**
   * The statement is part of a multi-statement string sent in one call: PostgreSQL runs it in an
   * implicit transaction block, which an explicit BEGIN turns into a regular one (no nesting).
   */
  public boolean inImplicitBlock(Statement statement) {
    return plan.oneCall(statement.span().start());
  }

  /** An explicit BEGIN earlier in the file is still open. */
  public boolean inExplicitBlock(Statement statement) {
    return explicitOpen[statement.index()];
  }

  /** Inside BEGIN ... COMMIT, or in a file the runner wraps in a transaction. */
  public boolean inTransaction(Statement statement) {
    return transaction[statement.index()] != AUTOCOMMIT;
  }

  /** Both statements run in one transaction block. */
  public boolean sameTransaction(Statement a, int otherIndex) {
    return transaction[a.index()] != AUTOCOMMIT && transaction[a.index()] == transaction[otherIndex];
  }

  /** The statement index where constraint {@code name} of {@code table} was added NOT VALID earlier. */
  public Optional<Integer> addedNotValid(RangeVar table, String name, Statement before) {
    return earlier(Kind.ADDED_NOT_VALID, table, name, before).map(Event::statement);
  }

  /** The constraint type (CONSTR_CHECK, CONSTR_FOREIGN, ...) of a constraint added NOT VALID at {@code statement}. */
  public String notValidConstraintType(int statement, String name) {
    return notValidTypes.get(statement + ":" + name);
  }

  /** A valid CHECK (col IS NOT NULL) or NOT NULL constraint proves {@code column} has no NULLs. */
  public boolean notNullProven(RangeVar table, String column, Statement before) {
    return earlier(Kind.NOT_NULL_PROVEN, table, column, before).isPresent();
  }

  /** A constraint (CHECK, ...) was added to {@code table} earlier, valid or later validated. */
  public boolean validConstraintAdded(RangeVar table, Statement before) {
    if (earlier(Kind.ADDED_CONSTRAINT, table, null, before).isPresent()) return true;
    return events(Kind.ADDED_NOT_VALID, table).stream().anyMatch(e -> e.statement < before.index()
        && earlier(Kind.VALIDATED, table, e.detail, before).isPresent());
  }

  /** Statement index of an ALTER TYPE ... ADD VALUE '{@code value}' earlier in the same transaction. */
  public Optional<Integer> enumValueAddedInSameTransaction(String value, Statement before) {
    return named(Kind.ENUM_VALUE, value).stream()
        .filter(e -> e.statement < before.index() && sameTransaction(before, e.statement))
        .map(Event::statement).findFirst();
  }

  /** Statement index of an ALTER TABLE on {@code table} earlier in the same transaction. */
  public Optional<Integer> alteredInSameTransaction(RangeVar table, Statement before) {
    return events(Kind.ALTERED_TABLE, table).stream()
        .filter(e -> e.statement < before.index() && sameTransaction(before, e.statement))
        .map(Event::statement).findFirst();
  }

  /** The lock_timeout set earlier in the file and still in effect, if any. */
  public Optional<String> lockTimeout(Statement statement) {
    return Optional.ofNullable(lockTimeout[statement.index()]).map(v -> v.toLowerCase(Locale.ROOT));
  }

  /** The statement_timeout set earlier in the file and still in effect, if any. */
  public Optional<String> statementTimeout(Statement statement) {
    return Optional.ofNullable(statementTimeout[statement.index()]).map(v -> v.toLowerCase(Locale.ROOT));
  }
}
