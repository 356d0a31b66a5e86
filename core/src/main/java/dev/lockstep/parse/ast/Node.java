package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * A node of PostgreSQL's raw parse tree, as libpg_query emits it: {@code {"Kind": {fields}}}.
 * Typed subclasses give names to the fields that migrations use; the parser itself reads the rest
 * through {@link #fields()}. Locations are UTF-8 byte offsets relative to the parsed
 * text; {@code Statement} turns them into source positions.
 */
public class Node {
  private static final Map<String, Function<JsonNode, Node>> TYPED = Map.ofEntries(
      Map.entry("AlterTableStmt", AlterTable::new),
      Map.entry("AlterTableCmd", AlterTableCmd::new),
      Map.entry("IndexStmt", CreateIndex::new),
      Map.entry("CreateStmt", CreateTable::new),
      Map.entry("ColumnDef", ColumnDef::new),
      Map.entry("Constraint", Constraint::new),
      Map.entry("TypeName", TypeName::new),
      Map.entry("RangeVar", RangeVar::new),
      Map.entry("RenameStmt", Rename::new),
      Map.entry("DropStmt", Drop::new),
      Map.entry("TransactionStmt", Transaction::new),
      Map.entry("VariableSetStmt", SetVariable::new),
      Map.entry("DoStmt", DoBlock::new),
      Map.entry("CopyStmt", Copy::new),
      Map.entry("ReindexStmt", Reindex::new),
      Map.entry("ClusterStmt", Cluster::new),
      Map.entry("VacuumStmt", Vacuum::new),
      Map.entry("RefreshMatViewStmt", RefreshMaterializedView::new),
      Map.entry("LockStmt", LockTable::new),
      Map.entry("CreateTrigStmt", CreateTrigger::new),
      Map.entry("AlterEnumStmt", AlterEnum::new),
      Map.entry("UpdateStmt", Update::new),
      Map.entry("InsertStmt", Insert::new),
      Map.entry("DeleteStmt", Delete::new),
      Map.entry("TruncateStmt", Truncate::new),
      Map.entry("PartitionCmd", PartitionCmd::new),
      Map.entry("CreateDomainStmt", CreateDomain::new),
      Map.entry("CreateTableAsStmt", CreateTableAs::new),
      Map.entry("CreateEnumStmt", CreateEnum::new),
      Map.entry("ViewStmt", CreateView::new),
      Map.entry("CreateSeqStmt", CreateSequence::new),
      Map.entry("CreateSchemaStmt", CreateSchema::new),
      Map.entry("AlterDomainStmt", AlterDomain::new),
      Map.entry("CreatedbStmt", f -> new DatabaseCommand("CreatedbStmt", f)),
      Map.entry("DropdbStmt", f -> new DatabaseCommand("DropdbStmt", f)),
      Map.entry("AlterSystemStmt", AlterSystem::new),
      Map.entry("AlterPublicationStmt", AlterPublication::new),
      Map.entry("CreateFunctionStmt", CreateFunction::new),
      Map.entry("AlterObjectSchemaStmt", AlterObjectSchema::new),
      Map.entry("GrantStmt", f -> new ObjectCommand("GrantStmt", "objtype", f)),
      Map.entry("CommentStmt", f -> new ObjectCommand("CommentStmt", "objtype", f)),
      Map.entry("AlterOwnerStmt", f -> new ObjectCommand("AlterOwnerStmt", "objectType", f)),
      Map.entry("CreatePolicyStmt", f -> new Policy("CreatePolicyStmt", f)),
      Map.entry("AlterPolicyStmt", f -> new Policy("AlterPolicyStmt", f)));

  private final String kind;
  protected final JsonNode fields;

  protected Node(String kind, JsonNode fields) {
    this.kind = kind;
    this.fields = fields;
  }

  /** Wraps a {@code {"Kind": {...}}} object in its typed class, or a plain Node. */
  public static Node of(JsonNode wrapped) {
    if (wrapped == null || !wrapped.isObject() || wrapped.size() != 1) {
      throw new IllegalArgumentException("not a parse tree node: " + wrapped);
    }
    String kind = wrapped.fieldNames().next();
    JsonNode inner = wrapped.get(kind);
    Function<JsonNode, Node> typed = TYPED.get(kind);
    return typed != null ? typed.apply(inner) : new Node(kind, inner);
  }

  /** The node tag without the "T_" prefix, e.g. "AlterTableStmt". */
  public String kind() {
    return kind;
  }

  /**
   * The raw field object, for the parser's own classes (dev.lockstep.parse); everything else reads
   * the typed accessors (PackageDependenciesTest keeps Jackson out of the other packages).
   */
  public JsonNode fields() {
    return fields;
  }

  /** Byte offset of the node in the parsed text, if PostgreSQL recorded one. */
  public OptionalInt location() {
    JsonNode loc = fields.get("location");
    if (loc == null) return OptionalInt.of(0); // libpg_query omits zero values
    return loc.asInt() >= 0 ? OptionalInt.of(loc.asInt()) : OptionalInt.empty();
  }

  protected String text(String name) {
    JsonNode n = fields.get(name);
    return n == null ? null : n.asText();
  }

  protected boolean flag(String name) {
    JsonNode n = fields.get(name);
    return n != null && n.asBoolean();
  }

  protected Optional<Node> child(String name) {
    JsonNode n = fields.get(name);
    return n == null || n.isNull() ? Optional.empty() : Optional.of(Node.of(n));
  }

  protected <T> T typed(String name, Function<JsonNode, T> make) {
    JsonNode n = fields.get(name);
    return n == null ? null : make.apply(n);
  }

  /** A list of {@code {"RangeVar": {...}}} nodes. */
  protected List<RangeVar> relations(String name) {
    List<RangeVar> out = new ArrayList<>();
    for (Node n : children(name)) if (n instanceof RangeVar r) out.add(r);
    return out;
  }

  /** Names of the {@code DefElem} options in a list field, e.g. ["full", "analyze"] for VACUUM (FULL, ANALYZE). */
  protected List<String> optionNames(String name) {
    List<String> out = new ArrayList<>();
    JsonNode list = fields.get(name);
    if (list != null) for (JsonNode o : list) out.add(o.path("DefElem").path("defname").asText());
    return out;
  }

  protected List<Node> children(String name) {
    JsonNode n = fields.get(name);
    List<Node> out = new ArrayList<>();
    if (n != null) n.forEach(item -> out.add(Node.of(item)));
    return out;
  }

  /** A list of {@code String} nodes ({@code [{"String":{"sval":"x"}}]}) as plain strings. */
  protected List<String> names(String name) {
    return strings(fields.get(name));
  }

  static List<String> strings(JsonNode list) {
    List<String> out = new ArrayList<>();
    if (list != null) {
      for (JsonNode item : list) {
        JsonNode s = item.get("String");
        if (s != null) out.add(s.has("sval") ? s.get("sval").asText() : "");
      }
    }
    return out;
  }

  /** The node as the parser wrote it, {@code {"Kind": {fields}}}, so that walks see the node itself too. */
  private JsonNode wrapped() {
    var wrapper = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    wrapper.set(kind, fields);
    return wrapper;
  }

  /** Names (last part) of every function called anywhere in this node, in order. */
  public List<String> functionCalls() {
    List<String> out = new ArrayList<>();
    Trees.walk(wrapped(), node -> {
      JsonNode parts = node.path("FuncCall").path("funcname");
      if (parts.size() > 0) out.add(parts.get(parts.size() - 1).path("String").path("sval").asText());
      return true;
    });
    return out;
  }

  /** The column names (last part) this node references, in order, each once. */
  public java.util.Set<String> columnReferences() {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    Trees.walk(wrapped(), node -> {
      JsonNode ref = node.get("ColumnRef");
      if (ref == null) return true;
      JsonNode parts = ref.path("fields");
      JsonNode last = parts.size() == 0 ? null : parts.get(parts.size() - 1);
      if (last != null && last.has("String")) out.add(last.path("String").path("sval").asText());
      return false;
    });
    return out;
  }

  /** Every string constant ('x') in this node, in order, each once. */
  public java.util.Set<String> stringLiterals() {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    Trees.walk(wrapped(), node -> {
      JsonNode sval = node.path("A_Const").path("sval").path("sval");
      if (sval.isTextual()) out.add(sval.asText());
      return true;
    });
    return out;
  }

  @Override
  public String toString() {
    return kind + fields;
  }
}
