package dev.lockstep.engine;

import dev.lockstep.engine.SchemaModel.Column;
import dev.lockstep.engine.SchemaModel.ConstraintKind;
import dev.lockstep.engine.SchemaModel.Table;
import dev.lockstep.engine.SchemaModel.TableConstraint;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.AlterEnum;
import dev.lockstep.parse.ast.AlterTable;
import dev.lockstep.parse.ast.AlterTableCmd;
import dev.lockstep.parse.ast.AlterTableType;
import dev.lockstep.parse.ast.ColumnDef;
import dev.lockstep.parse.ast.Constraint;
import dev.lockstep.parse.ast.ConstraintType;
import dev.lockstep.parse.ast.CreateDomain;
import dev.lockstep.parse.ast.CreateEnum;
import dev.lockstep.parse.ast.CreateIndex;
import dev.lockstep.parse.ast.CreateSchema;
import dev.lockstep.parse.ast.CreateSequence;
import dev.lockstep.parse.ast.CreateTable;
import dev.lockstep.parse.ast.CreateTableAs;
import dev.lockstep.parse.ast.CreateView;
import dev.lockstep.parse.ast.Drop;
import dev.lockstep.parse.ast.Node;
import dev.lockstep.parse.ast.PartitionCmd;
import dev.lockstep.parse.ast.ObjectType;
import dev.lockstep.parse.ast.RangeVar;
import dev.lockstep.parse.ast.Rename;
import dev.lockstep.parse.ast.SetKind;
import dev.lockstep.parse.ast.SetVariable;
import dev.lockstep.parse.ast.Transaction;
import dev.lockstep.parse.ast.TypeName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a statement does to the schema model when it runs. */
final class SchemaEffects {
  private final SchemaModel model;

  SchemaEffects(SchemaModel model) {
    this.model = model;
  }

  /** The object a reference means, through the search_path in force. */
  ObjectName name(RangeVar r) {
    return model.resolve(r.schema(), r.name());
  }

  /** The name an object created as {@code r} gets. */
  private ObjectName created(RangeVar r) {
    return model.creating(r.schema(), r.name());
  }

  /** A type's name as the parser gives it ([name] or [schema, name]), referenced or created. */
  private ObjectName type(List<String> parts, boolean creating) {
    ObjectName written = ObjectName.of(parts);
    String schema = parts.size() > 1 ? written.schema() : null;
    return creating ? model.creating(schema, written.name()) : model.resolveType(schema, written.name());
  }

  static ColumnType type(TypeName t) {
    return new ColumnType(t.name(), t.modifiers(), t.isArray());
  }

  /**
   * Applies {@code statement}.
   *
   * @param makesNew objects it creates are new (this file, or a pending migration), not live
   */
  void apply(Statement statement, Origin origin, boolean makesNew) {
    Node node = statement.node();
    if (node instanceof CreateTable ct && ct.table() != null) {
      createTable(ct, origin, makesNew);
    } else if (node instanceof CreateTableAs cta && cta.table() != null) {
      if (cta.materializedView()) model.put(new SchemaModel.View(created(cta.table()), true, makesNew, origin));
      else model.put(new Table(created(cta.table()), makesNew, origin, Map.of(), Map.of(), false, null));
    } else if (node instanceof CreateIndex ci && ci.table() != null) {
      ObjectName table = name(ci.table());
      String index = ci.name() != null ? ci.name() : ci.defaultName();
      ObjectName key = new ObjectName(table.schema(), index);
      if (ci.ifNotExists() && model.index(key).isPresent()) return;
      model.put(new SchemaModel.Index(key, table, ci.unique(), ci.concurrently(), true, ci.columns(), makesNew, origin));
    } else if (node instanceof AlterTable at && at.table() != null) {
      alterTable(at, origin);
    } else if (node instanceof Rename r) {
      rename(r);
    } else if (node instanceof Drop d) {
      drop(d);
    } else if (node instanceof CreateEnum e) {
      Map<String, SchemaModel.EnumValue> values = new LinkedHashMap<>();
      for (String v : e.values()) values.put(v, new SchemaModel.EnumValue(v, false, origin));
      model.put(new SchemaModel.EnumType(type(e.typeName(), true), values, origin));
    } else if (node instanceof AlterEnum e && e.addsValue() && e.newValue() != null) {
      ObjectName type = type(e.typeName(), false);
      SchemaModel.EnumType known = model.enumType(type)
          .orElse(new SchemaModel.EnumType(type, Map.of(), null)); // values of a type made before the history
      if (!known.values().containsKey(e.newValue())) {
        model.put(known.with(new SchemaModel.EnumValue(e.newValue(), true, origin)));
      }
    } else if (node instanceof CreateDomain d) {
      model.put(new SchemaModel.Domain(type(d.name(), true), d.baseType(), !d.constraints().isEmpty(), origin));
    } else if (node instanceof CreateView v && v.view() != null) {
      // OR REPLACE may replace a view that exists and is in use: new only when the model knows it is
      ObjectName view = created(v.view());
      boolean isNew = v.orReplace() ? model.view(view).map(SchemaModel.View::isNew).orElse(false) : makesNew;
      model.put(new SchemaModel.View(view, false, isNew, origin));
    } else if (node instanceof CreateSequence s && s.sequence() != null) {
      model.put(new SchemaModel.Sequence(created(s.sequence()), origin));
    } else if (node instanceof CreateSchema s && s.name() != null) {
      model.putSchema(s.name(), origin);
    } else if (node instanceof SetVariable set && "search_path".equals(set.name())) {
      model.setSearchPath(set.setKind() == SetKind.SET_VALUE ? SearchPath.of(set.values()) : SearchPath.DEFAULT, set.local());
    } else if (node instanceof Transaction t && t.ends()) {
      model.endTransaction();
    }
  }

  private void createTable(CreateTable ct, Origin origin, boolean makesNew) {
    ObjectName table = created(ct.table());
    if (ct.ifNotExists() && model.table(table).isPresent()) return;
    Map<String, Column> columns = new LinkedHashMap<>();
    Map<String, TableConstraint> constraints = new LinkedHashMap<>();
    for (ColumnDef c : ct.columns()) {
      if (c.name() == null || c.type() == null) continue;
      columns.put(c.name(), column(c, origin));
      for (Constraint k : c.constraints()) {
        TableConstraint tc = constraint(table.name(), k, origin, c.name());
        if (tc != null) constraints.put(tc.name(), tc);
      }
    }
    for (Constraint k : ct.constraints()) {
      TableConstraint tc = constraint(table.name(), k, origin, null);
      if (tc != null) constraints.put(tc.name(), tc);
      if (k.type() == ConstraintType.PRIMARY) {
        for (String key : k.columns()) columns.computeIfPresent(key, (n, col) -> col.withNotNull(true));
      }
    }
    boolean partitioned = ct.partitioned();
    ObjectName parent = ct.partitionOf() && !ct.parents().isEmpty() ? name(ct.parents().get(0)) : null;
    model.put(new Table(table, makesNew, origin, columns, constraints, partitioned, parent));
  }

  private static Column column(ColumnDef c, Origin origin) {
    boolean notNull = false;
    boolean hasDefault = false;
    for (Constraint k : c.constraints()) {
      switch (k.type()) {
        case NOTNULL, PRIMARY -> notNull = true;
        case IDENTITY -> { notNull = true; hasDefault = true; }
        case DEFAULT, GENERATED -> hasDefault = true;
        default -> { }
      }
    }
    return new Column(c.name(), type(c.type()), notNull, hasDefault, origin);
  }

  /** A named table constraint; unnamed CHECKs get PostgreSQL's default name. Null for column-only clauses. */
  private static TableConstraint constraint(String table, Constraint k, Origin origin, String column) {
    ConstraintKind kind = switch (k.type()) {
      case CHECK -> ConstraintKind.CHECK;
      case FOREIGN -> ConstraintKind.FOREIGN_KEY;
      case UNIQUE -> ConstraintKind.UNIQUE;
      case PRIMARY -> ConstraintKind.PRIMARY_KEY;
      case EXCLUSION -> ConstraintKind.EXCLUSION;
      default -> null;
    };
    if (kind == null) return null;
    String name = k.name() != null ? k.name() : defaultName(table, k, kind, column);
    List<String> columns = column != null && k.columns().isEmpty() ? List.of(column) : k.columns();
    return new TableConstraint(name, kind, columns, !k.notValid(), k.notNullColumn(), origin,
        k.notValid() ? null : origin);
  }

  /** PostgreSQL's names for unnamed constraints: table_column_check, table_pkey, table_column_key, table_column_fkey. */
  private static String defaultName(String table, Constraint k, ConstraintKind kind, String column) {
    List<String> cols = k.columns();
    String col = column != null ? column : cols.isEmpty() ? null : String.join("_", cols);
    return switch (kind) {
      case PRIMARY_KEY -> table + "_pkey";
      case CHECK -> table + (col != null ? "_" + col : "") + "_check";
      case UNIQUE -> table + (col != null ? "_" + col : "") + "_key";
      case FOREIGN_KEY -> table + (col != null ? "_" + col : "") + "_fkey";
      case EXCLUSION -> table + (col != null ? "_" + col : "") + "_excl";
      default -> table + "_constraint";
    };
  }

  private void alterTable(AlterTable at, Origin origin) {
    ObjectName name = name(at.table());
    if (at.objectType() != ObjectType.TABLE) return;
    // A table made before the history: known from here on only by what this and later statements do to it.
    Table t = model.table(name).orElse(new Table(name, false, null, Map.of(), Map.of(), false, null));
    for (AlterTableCmd cmd : at.commands()) {
      t = alter(t, cmd, origin);
      if (t == null) return;
    }
    model.put(t);
  }

  private Table alter(Table t, AlterTableCmd cmd, Origin origin) {
    String column = cmd.name();
    switch (cmd.subtype()) {
      case ADD_COLUMN -> {
        // ADD COLUMN IF NOT EXISTS leaves a column that exists as it is: known only if the history made the table
        boolean unknownOutcome = cmd.ifExists() && (!t.createdInHistory() || t.columns().containsKey(column(cmd)));
        if (!unknownOutcome && cmd.definition().orElse(null) instanceof ColumnDef def && def.name() != null
            && def.type() != null) {
          t = t.withColumn(column(def, origin));
          for (Constraint k : def.constraints()) {
            TableConstraint tc = constraint(t.name().name(), k, origin, def.name());
            if (tc != null) t = t.withConstraint(tc);
          }
        }
      }
      case DROP_COLUMN -> t = t.withoutColumn(column);
      case ATTACH_PARTITION, DETACH_PARTITION -> {
        if (cmd.definition().orElse(null) instanceof PartitionCmd p && p.partition() != null) {
          ObjectName parent = cmd.subtype() == AlterTableType.ATTACH_PARTITION ? t.name() : null;
          ObjectName child = name(p.partition());
          model.table(child).ifPresent(c -> model.put(c.attachedTo(parent)));
        }
      }
      case ALTER_COLUMN_TYPE -> {
        if (cmd.definition().orElse(null) instanceof ColumnDef def && def.type() != null && t.columns().containsKey(column)) {
          t = t.withColumn(t.columns().get(column).withType(type(def.type())));
        }
      }
      case SET_NOT_NULL, DROP_NOT_NULL -> {
        if (t.columns().containsKey(column)) {
          t = t.withColumn(t.columns().get(column).withNotNull(cmd.subtype() == AlterTableType.SET_NOT_NULL));
        }
      }
      case COLUMN_DEFAULT -> {
        if (t.columns().containsKey(column)) {
          t = t.withColumn(t.columns().get(column).withDefault(cmd.definition().isPresent()));
        }
      }
      case ADD_CONSTRAINT -> {
        if (cmd.definition().orElse(null) instanceof Constraint k) {
          TableConstraint tc = constraint(t.name().name(), k, origin, null);
          if (tc != null) t = t.withConstraint(tc);
          if (k.usingIndex() != null && tc != null) { // the index becomes the constraint's, under its name
            model.renameIndex(new ObjectName(t.name().schema(), k.usingIndex()), new ObjectName(t.name().schema(), tc.name()));
          }
        }
      }
      case VALIDATE_CONSTRAINT -> {
        TableConstraint tc = t.constraints().get(column);
        if (tc != null && !tc.validated()) t = t.withConstraint(tc.validate(origin));
      }
      case DROP_CONSTRAINT -> {
        TableConstraint tc = t.constraints().get(column);
        t = t.withoutConstraint(column);
        if (tc != null && (tc.kind() == ConstraintKind.UNIQUE || tc.kind() == ConstraintKind.PRIMARY_KEY)) {
          model.removeIndex(new ObjectName(t.name().schema(), column));
        }
      }
      default -> { }
    }
    return t;
  }

  private static String column(AlterTableCmd cmd) {
    return cmd.definition().orElse(null) instanceof ColumnDef def ? def.name() : null;
  }

  private void rename(Rename r) {
    if (r.table() == null || r.newName() == null) return;
    ObjectName from = name(r.table());
    switch (r.objectType()) {
      case TABLE -> model.renameTable(from, new ObjectName(from.schema(), r.newName()));
      case INDEX -> model.renameIndex(from, new ObjectName(from.schema(), r.newName()));
      case COLUMN -> model.table(from).ifPresent(t -> t.column(r.oldName()).ifPresent(c ->
          model.put(t.withoutColumn(c.name()).withColumn(c.renamed(r.newName())))));
      case TABCONSTRAINT -> model.table(from).ifPresent(t -> t.constraint(r.oldName()).ifPresent(c ->
          model.put(t.withoutConstraint(c.name()).withConstraint(c.renamed(r.newName())))));
      default -> { }
    }
  }

  private void drop(Drop d) {
    for (List<String> parts : d.objects()) {
      if (parts.isEmpty()) continue;
      ObjectName written = ObjectName.of(parts);
      String schema = parts.size() > 1 ? written.schema() : null;
      ObjectName name = d.objectType() == ObjectType.TYPE || d.objectType() == ObjectType.DOMAIN
          ? model.resolveType(schema, written.name()) : model.resolve(schema, written.name());
      switch (d.objectType()) {
        case TABLE -> model.removeTable(name);
        case INDEX -> model.removeIndex(name);
        case VIEW, MATVIEW -> model.removeView(name);
        case TYPE -> model.removeEnum(name);
        case DOMAIN -> model.removeDomain(name);
        case SEQUENCE -> model.removeSequence(name);
        case SCHEMA -> model.removeSchema(parts.get(parts.size() - 1));
        default -> { }
      }
    }
  }
}
