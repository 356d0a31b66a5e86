package dev.lockstep.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the migrations so far made of the database: schemas, tables and their columns and
 * constraints, indexes, enum types, domains, views and sequences. Statements update it as they run
 * (see {@link SchemaEffects}); each fact remembers where it came from. A table or index is new
 * when a statement of the linted file or of a pending migration created it (nothing uses it yet),
 * live when an applied migration did. An object that is absent is unknown, not missing: the model
 * only knows what the history it saw created.
 *
 * <p>{@link Linter#replay} returns a frozen model, which is immutable and safe to share between
 * threads and lints; a lint works on its own copy.
 */
public final class SchemaModel {
  /**
   * A table (plain, partitioned, or a partition of {@code partitionOf}). {@code origin} is null for a table that the
   * history did not create but altered (it existed before): its columns are then only those the
   * history added.
   */
  public record Table(ObjectName name, boolean isNew, Origin origin, Map<String, Column> columns,
                      Map<String, TableConstraint> constraints, boolean partitioned, ObjectName partitionOf) {
    public Table {
      columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
      constraints = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(constraints));
    }

    /** The history created the table (so its columns and constraints are all known). */
    public boolean createdInHistory() {
      return origin != null;
    }

    public Optional<Column> column(String column) {
      return Optional.ofNullable(columns.get(column));
    }

    public Optional<TableConstraint> constraint(String constraint) {
      return Optional.ofNullable(constraints.get(constraint));
    }

    Table withColumn(Column c) {
      Map<String, Column> m = new LinkedHashMap<>(columns);
      m.put(c.name(), c);
      return new Table(name, isNew, origin, m, constraints, partitioned, partitionOf);
    }

    Table withoutColumn(String column) {
      Map<String, Column> m = new LinkedHashMap<>(columns);
      m.remove(column);
      return new Table(name, isNew, origin, m, constraints, partitioned, partitionOf);
    }

    Table withConstraint(TableConstraint c) {
      Map<String, TableConstraint> m = new LinkedHashMap<>(constraints);
      m.put(c.name(), c);
      return new Table(name, isNew, origin, columns, m, partitioned, partitionOf);
    }

    Table withoutConstraint(String constraint) {
      Map<String, TableConstraint> m = new LinkedHashMap<>(constraints);
      m.remove(constraint);
      return new Table(name, isNew, origin, columns, m, partitioned, partitionOf);
    }

    Table attachedTo(ObjectName parent) {
      return new Table(name, isNew, origin, columns, constraints, partitioned, parent);
    }

    Table renamed(ObjectName to) {
      return new Table(to, isNew, origin, columns, constraints, partitioned, partitionOf);
    }
  }

  /** A column: its declared type, whether it is NOT NULL, and whether it has a default. */
  public record Column(String name, ColumnType type, boolean notNull, boolean hasDefault, Origin origin) {
    Column withType(ColumnType t) {
      return new Column(name, t, notNull, hasDefault, origin);
    }

    Column withNotNull(boolean value) {
      return new Column(name, type, value, hasDefault, origin);
    }

    Column withDefault(boolean value) {
      return new Column(name, type, notNull, value, origin);
    }

    Column renamed(String to) {
      return new Column(to, type, notNull, hasDefault, origin);
    }
  }

  public enum ConstraintKind { CHECK, NOT_NULL, FOREIGN_KEY, UNIQUE, PRIMARY_KEY, EXCLUSION, OTHER }

  /**
   * A table constraint. {@code validated} is false for one added NOT VALID and not validated since;
   * {@code columns} are its key columns where it has them; {@code notNullColumn} is the column it proves NOT NULL (a CHECK (c IS NOT NULL) or, on 18, a
   * NOT NULL constraint), or null.
   */
  public record TableConstraint(String name, ConstraintKind kind, List<String> columns, boolean validated,
                                String notNullColumn, Origin origin, Origin validatedBy) {
    public TableConstraint {
      columns = List.copyOf(columns);
    }

    TableConstraint validate(Origin by) {
      return new TableConstraint(name, kind, columns, true, notNullColumn, origin, by);
    }

    TableConstraint renamed(String to) {
      return new TableConstraint(to, kind, columns, validated, notNullColumn, origin, validatedBy);
    }

    /** PRIMARY KEY, UNIQUE and EXCLUDE constraints are enforced by an index of the same name. */
    public boolean hasIndex() {
      return kind == ConstraintKind.PRIMARY_KEY || kind == ConstraintKind.UNIQUE || kind == ConstraintKind.EXCLUSION;
    }
  }

  /** An index; {@code valid} is false for one whose CONCURRENTLY build is known to have failed. */
  public record Index(ObjectName name, ObjectName table, boolean unique, boolean concurrently, boolean valid,
                      List<String> columns, boolean isNew, Origin origin) {
    public Index {
      columns = java.util.Collections.unmodifiableList(new ArrayList<>(columns)); // null for an expression
    }

    Index renamed(ObjectName to) {
      return new Index(to, table, unique, concurrently, valid, columns, isNew, origin);
    }

    Index onTable(ObjectName t) {
      return new Index(name, t, unique, concurrently, valid, columns, isNew, origin);
    }
  }

  /** An enum value; {@code addedLater} for ALTER TYPE ... ADD VALUE (not part of CREATE TYPE). */
  public record EnumValue(String value, boolean addedLater, Origin origin) {}

  public record EnumType(ObjectName name, Map<String, EnumValue> values, Origin origin) {
    public EnumType {
      values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    EnumType with(EnumValue v) {
      Map<String, EnumValue> m = new LinkedHashMap<>(values);
      m.put(v.value(), v);
      return new EnumType(name, m, origin);
    }
  }

  /** A domain; {@code baseType} as SQL, e.g. "varchar(20)". */
  public record Domain(ObjectName name, String baseType, boolean constrained, Origin origin) {}

  public record View(ObjectName name, boolean materialized, boolean isNew, Origin origin) {}

  public record Sequence(ObjectName name, Origin origin) {}

  private static final SchemaModel EMPTY = new SchemaModel().freeze();

  private final Map<String, Origin> schemas;
  private final Map<ObjectName, Table> tables;
  private final Map<ObjectName, Index> indexes;
  private final Map<ObjectName, EnumType> enums;
  private final Map<ObjectName, Domain> domains;
  private final Map<ObjectName, View> views;
  private final Map<ObjectName, Sequence> sequences;
  private final List<ReplayProblem> problems;
  private boolean frozen;
  /** The session's search_path, as the statements so far set it: each migration starts a session of its own. */
  private SearchPath searchPath = SearchPath.DEFAULT;
  /** A SET LOCAL search_path, until its transaction ends; or null. */
  private SearchPath localSearchPath;

  SchemaModel() {
    this(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(),
        new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>());
  }

  private SchemaModel(Map<String, Origin> schemas, Map<ObjectName, Table> tables, Map<ObjectName, Index> indexes,
                      Map<ObjectName, EnumType> enums, Map<ObjectName, Domain> domains, Map<ObjectName, View> views,
                      Map<ObjectName, Sequence> sequences, List<ReplayProblem> problems) {
    this.schemas = schemas;
    this.tables = tables;
    this.indexes = indexes;
    this.enums = enums;
    this.domains = domains;
    this.views = views;
    this.sequences = sequences;
    this.problems = problems;
  }

  /** The model of an empty history: a file linted alone. */
  public static SchemaModel empty() {
    return EMPTY;
  }

  /** A working copy that statements may change; the facts themselves are immutable and shared. */
  SchemaModel copy() {
    return new SchemaModel(new LinkedHashMap<>(schemas), new LinkedHashMap<>(tables), new LinkedHashMap<>(indexes),
        new LinkedHashMap<>(enums), new LinkedHashMap<>(domains), new LinkedHashMap<>(views),
        new LinkedHashMap<>(sequences), new ArrayList<>(problems));
  }

  /** Makes this model read-only: it can then be shared and reused (e.g. cached by the history's hash). */
  SchemaModel freeze() {
    frozen = true;
    return this;
  }

  public boolean frozen() {
    return frozen;
  }

  /** Statements of earlier migrations that could not be replayed, in history order. */
  public List<ReplayProblem> problems() {
    return java.util.Collections.unmodifiableList(problems);
  }

  /**
   * The object a name refers to as written ({@code schema} null when unqualified): an unqualified
   * name resolves through the search_path in force, to the first of its schemas that has a table,
   * view, index or sequence of that name, else to the first.
   */
  public ObjectName resolve(String schema, String name) {
    if (schema != null) return new ObjectName(schema, name);
    return searchPath().resolve(name, n -> tables.containsKey(n) || views.containsKey(n) || indexes.containsKey(n)
        || sequences.containsKey(n));
  }

  /** As {@link #resolve(String, String)}, for a type (enum or domain). */
  public ObjectName resolveType(String schema, String name) {
    if (schema != null) return new ObjectName(schema, name);
    return searchPath().resolve(name, n -> enums.containsKey(n) || domains.containsKey(n));
  }

  /** The name a new object written {@code [schema.]name} gets: unqualified, the first schema of the search_path. */
  public ObjectName creating(String schema, String name) {
    return new ObjectName(schema != null ? schema : searchPath().creationSchema(), name);
  }

  private SearchPath searchPath() {
    return localSearchPath != null ? localSearchPath : searchPath;
  }

  void setSearchPath(SearchPath path, boolean local) {
    checkWritable();
    if (local) localSearchPath = path;
    else searchPath = path;
  }

  /** The next migration runs in a session of its own: the search_path is the default again. */
  void newSession() {
    checkWritable();
    searchPath = SearchPath.DEFAULT;
    localSearchPath = null;
  }

  /** COMMIT or ROLLBACK: a SET LOCAL ends with its transaction. */
  void endTransaction() {
    checkWritable();
    localSearchPath = null;
  }

  public Optional<Table> table(ObjectName name) {
    return Optional.ofNullable(tables.get(name));
  }

  public Optional<Index> index(ObjectName name) {
    return Optional.ofNullable(indexes.get(name));
  }

  public Optional<EnumType> enumType(ObjectName name) {
    return Optional.ofNullable(enums.get(name));
  }

  public Optional<Domain> domain(ObjectName name) {
    return Optional.ofNullable(domains.get(name));
  }

  public Optional<View> view(ObjectName name) {
    return Optional.ofNullable(views.get(name));
  }

  public Optional<Sequence> sequence(ObjectName name) {
    return Optional.ofNullable(sequences.get(name));
  }

  public Optional<Origin> schema(String name) {
    return Optional.ofNullable(schemas.get(name));
  }

  /** Every table, in the order the history created them. */
  public java.util.Collection<Table> tables() {
    return java.util.Collections.unmodifiableCollection(tables.values());
  }

  public java.util.Collection<Index> indexes() {
    return java.util.Collections.unmodifiableCollection(indexes.values());
  }

  public java.util.Collection<Domain> domains() {
    return java.util.Collections.unmodifiableCollection(domains.values());
  }

  /** The partitions of {@code table} the history created or attached, in creation order. */
  public List<Table> partitionsOf(ObjectName table) {
    List<Table> out = new ArrayList<>();
    for (Table t : tables.values()) if (table.equals(t.partitionOf())) out.add(t);
    return out;
  }

  /** Indexes of {@code table}, in creation order. */
  public List<Index> indexesOn(ObjectName table) {
    List<Index> out = new ArrayList<>();
    for (Index i : indexes.values()) if (i.table().equals(table)) out.add(i);
    return out;
  }

  /** The enum value added by ALTER TYPE ... ADD VALUE, in any enum type. */
  public Optional<EnumValue> addedEnumValue(String value) {
    for (EnumType e : enums.values()) {
      EnumValue v = e.values().get(value);
      if (v != null && v.addedLater()) return Optional.of(v);
    }
    return Optional.empty();
  }

  private void checkWritable() {
    if (frozen) throw new IllegalStateException("a frozen schema model cannot change");
  }

  void put(Table t) {
    checkWritable();
    tables.put(t.name(), t);
  }

  void removeTable(ObjectName name) {
    checkWritable();
    tables.remove(name);
    indexes.values().removeIf(i -> i.table().equals(name));
  }

  void put(Index i) {
    checkWritable();
    indexes.put(i.name(), i);
  }

  void removeIndex(ObjectName name) {
    checkWritable();
    indexes.remove(name);
  }

  void put(EnumType e) {
    checkWritable();
    enums.put(e.name(), e);
  }

  void removeEnum(ObjectName name) {
    checkWritable();
    enums.remove(name);
  }

  void put(Domain d) {
    checkWritable();
    domains.put(d.name(), d);
  }

  void removeDomain(ObjectName name) {
    checkWritable();
    domains.remove(name);
  }

  void put(View v) {
    checkWritable();
    views.put(v.name(), v);
  }

  void removeView(ObjectName name) {
    checkWritable();
    views.remove(name);
  }

  void put(Sequence s) {
    checkWritable();
    sequences.put(s.name(), s);
  }

  void removeSequence(ObjectName name) {
    checkWritable();
    sequences.remove(name);
  }

  void putSchema(String name, Origin origin) {
    checkWritable();
    schemas.put(name, origin);
  }

  void removeSchema(String name) {
    checkWritable();
    schemas.remove(name);
  }

  /** Renames a table and moves its indexes with it. */
  void renameTable(ObjectName from, ObjectName to) {
    checkWritable();
    Table t = tables.remove(from);
    if (t == null) return;
    tables.put(to, t.renamed(to));
    indexes.replaceAll((k, i) -> i.table().equals(from) ? i.onTable(to) : i);
  }

  void renameIndex(ObjectName from, ObjectName to) {
    checkWritable();
    Index i = indexes.remove(from);
    if (i != null) indexes.put(to, i.renamed(to));
  }

  void addProblem(ReplayProblem p) {
    checkWritable();
    problems.add(p);
  }
}
