package dev.lockstep.engine;

import dev.lockstep.parse.ParsedFile;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.AlterTable;
import dev.lockstep.parse.ast.RangeVar;
import java.util.List;
import java.util.Optional;

/**
 * What rules know about the statement they check: its file, when it runs ({@link Timeline}) and
 * what the statements before it made of the schema ({@link SchemaModel}: the history replayed
 * before the file, then the file's own earlier statements). The lint moves the context forward
 * one statement at a time, so the model always answers "as of the statement being checked".
 */
public final class MigrationContext {
  private final LintOptions options;
  private final List<Statement> statements;
  private final TransactionPlan plan;
  private final Timeline timeline;
  private final SchemaModel model;
  private final SchemaEffects effects;
  private final boolean schemaDump;

  public MigrationContext(ParsedFile file, LintOptions options) {
    this(file, options, TransactionPlan.forOptions(file.source().text().length(), options));
  }

  public MigrationContext(ParsedFile file, LintOptions options, TransactionPlan plan) {
    this(file, options, plan, SchemaModel.empty());
  }

  /** A context whose model starts from {@code before}, the schema the earlier migrations left. */
  public MigrationContext(ParsedFile file, LintOptions options, TransactionPlan plan, SchemaModel before) {
    this.options = options;
    this.plan = plan;
    this.statements = file.statements();
    this.timeline = new Timeline(file, plan);
    this.model = before.copy();
    this.effects = new SchemaEffects(model);
    // pg_dump starts every dump with this call (Rails' structure.sql, dbmate's schema.sql): a dump is
    // loaded into an empty database, not run against live tables.
    this.schemaDump = statements.stream().limit(20)
        .anyMatch(s -> s.text().startsWith("SELECT pg_catalog.set_config('search_path', '', false)"));
  }

  /** Runs {@code statement} on the model and timeline, after the rules have checked it. */
  void advance(Statement statement) {
    lock(statement).ifPresent(lock ->
        timeline.took(statement, lock, lock.table() != null && isNew(lock.table())));
    if (statement.node() instanceof AlterTable at && at.table() != null) {
      timeline.altered(statement, effects.name(at.table()));
    }
    effects.apply(statement, new Origin(statement.source().path(), statement.start().line(), statement.index(), false),
        true);
  }

  /** The strongest write-blocking table lock the statement takes, with what the model knows of its objects. */
  public Optional<TableLocks.Locked> lock(Statement statement) {
    return TableLocks.strongest(statement.node(), model);
  }

  /** Every statement of the file, in order. */
  public List<Statement> statements() {
    return statements;
  }

  public Timeline timeline() {
    return timeline;
  }

  /** The schema as the statements before the one being checked left it. */
  public SchemaModel model() {
    return model;
  }

  /** The table as the model knows it; empty when no statement of the history created it. */
  public Optional<SchemaModel.Table> table(RangeVar table) {
    return table == null ? Optional.empty() : model.table(effects.name(table));
  }

  /** The file is pg_dump output, loaded into an empty database. */
  public boolean schemaDump() {
    return schemaDump;
  }

  public int pgVersion() {
    return options.pgVersion();
  }

  public LintOptions options() {
    return options;
  }

  private boolean isNew(RangeVar table) {
    ObjectName name = effects.name(table);
    return model.table(name).map(SchemaModel.Table::isNew).orElse(false)
        || model.view(name).map(SchemaModel.View::isNew).orElse(false);
  }

  /**
   * The table (or materialized view) is new: created earlier in this file or by a pending migration,
   * so no application uses it yet.
   */
  public boolean createdEarlier(RangeVar table, Statement before) {
    return table != null && isNew(table);
  }

  /** An index of this name exists and is new (created earlier in the file or by a pending migration). */
  public boolean indexCreatedEarlier(String name, Statement before) {
    return index(name).map(SchemaModel.Index::isNew).orElse(false);
  }

  /** An index by its (possibly unqualified) name; an unqualified name that is not in public matches by name alone. */
  public Optional<SchemaModel.Index> index(String name) {
    Optional<SchemaModel.Index> exact = model.index(model.resolve(null, name));
    if (exact.isPresent()) return exact;
    return model.indexes().stream().filter(i -> i.name().name().equals(name)).findFirst();
  }

  /** The base type of a domain with constraints that the history created. */
  public Optional<String> constrainedDomainBaseType(String name, Statement before) {
    return model.domains().stream().filter(d -> d.constrained() && d.name().name().equals(name))
        .map(SchemaModel.Domain::baseType).findFirst();
  }

  /**
   * The statement is part of a multi-statement string sent in one call: PostgreSQL runs it in an
   * implicit transaction block, which an explicit BEGIN turns into a regular one (no nesting).
   */
  public boolean inImplicitBlock(Statement statement) {
    return plan.oneCall(statement.span().start());
  }

  /** The tool that runs the file, for advice in its terms. */
  public TransactionPlan.Tool tool() {
    return plan.tool();
  }

  /**
   * The tool keeps a transaction of its own open while it migrates (Flyway's default lock), which a
   * statement that waits for every open transaction waits for forever.
   */
  public boolean toolLockTransaction() {
    return plan.toolLockTransaction();
  }

  /** Flyway refuses the script this statement is in: it mixes statements it runs outside a transaction with others. */
  public boolean flywayRefusesMix(Statement statement) {
    return plan.flywayRefusesMix(statement.span().start(), statements);
  }

  /** The places where the tool cuts this statement before sending it (see {@link TransactionPlan#toolCuts()}). */
  public List<TransactionPlan.ToolCut> toolCuts(Statement statement) {
    return plan.toolCuts().stream()
        .filter(c -> c.start() > statement.span().start() && c.start() < statement.span().end()).toList();
  }

  /** An explicit BEGIN earlier in the file is still open. */
  public boolean inExplicitBlock(Statement statement) {
    return timeline.inExplicitBlock(statement);
  }

  /** The migration tool that runs this file, or null when none is known. */
  public TransactionPlan.Runner runner() {
    return plan.runner();
  }

  /** Inside BEGIN ... COMMIT, or in a file the runner wraps in a transaction. */
  public boolean inTransaction(Statement statement) {
    return timeline.inTransaction(statement);
  }

  /** Both statements run in one transaction block. */
  public boolean sameTransaction(Statement a, int otherIndex) {
    return timeline.sameTransaction(a, otherIndex);
  }

  /** The constraint {@code name} of {@code table}, added NOT VALID and not validated since. */
  public Optional<SchemaModel.TableConstraint> addedNotValid(RangeVar table, String name, Statement before) {
    return table(table).flatMap(t -> t.constraint(name)).filter(c -> !c.validated());
  }

  /**
   * {@code column} has no NULLs: it is NOT NULL already, or a valid CHECK (col IS NOT NULL) or NOT
   * NULL constraint proves it.
   */
  public boolean notNullProven(RangeVar table, String column, Statement before) {
    return provingConstraint(table, column).isPresent()
        || table(table).flatMap(t -> t.column(column)).map(SchemaModel.Column::notNull).orElse(false);
  }

  /** The valid constraint that proves {@code column} NOT NULL. */
  public Optional<SchemaModel.TableConstraint> provingConstraint(RangeVar table, String column) {
    return table(table).flatMap(t -> t.constraints().values().stream()
        .filter(c -> c.validated() && column.equals(c.notNullColumn())).findFirst());
  }

  /** {@code table} has a valid constraint (CHECK, ...): added valid, or added NOT VALID and validated since. */
  public boolean validConstraintAdded(RangeVar table, Statement before) {
    return table(table).map(t -> t.constraints().values().stream().anyMatch(SchemaModel.TableConstraint::validated))
        .orElse(false);
  }

  /** Statement index of an ALTER TYPE ... ADD VALUE '{@code value}' earlier in the same transaction. */
  public Optional<Integer> enumValueAddedInSameTransaction(String value, Statement before) {
    return model.addedEnumValue(value).map(SchemaModel.EnumValue::origin)
        .filter(o -> !o.earlierFile() && sameTransaction(before, o.statement()))
        .map(Origin::statement);
  }

  /** Statement index of an ALTER TABLE on {@code table} earlier in the same transaction. */
  public Optional<Integer> alteredInSameTransaction(RangeVar table, Statement before) {
    return timeline.alteredEarlier(before, effects.name(table));
  }

  /** The lock_timeout set earlier in the file and still in effect, if any. */
  public Optional<String> lockTimeout(Statement statement) {
    return Optional.ofNullable(timeline.settings(statement).lockTimeout());
  }

  /** The statement_timeout set earlier in the file and still in effect, if any. */
  public Optional<String> statementTimeout(Statement statement) {
    return Optional.ofNullable(timeline.settings(statement).statementTimeout());
  }
}
