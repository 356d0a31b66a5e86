package dev.lockstep.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.parse.ast.CreateIndex;
import dev.lockstep.parse.ast.Rename;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names of the schema objects a file's statements name: tables, views, sequences and indexes
 * (any relation), constraints, triggers, and the enum types and objects that DROP, ALTER TYPE and
 * RENAME name; lower-cased, without schema. Column names are left out: a column's facts change
 * only through statements that name its table. Used to pick the earlier migrations that can
 * matter to a file.
 */
public final class ObjectNames {
  private static final Set<String> NAME_KEYS = Set.of("relname", "idxname", "conname", "trigname", "indexname");
  private static final Set<String> EVERYWHERE = Set.of("public", "pg_catalog");

  private ObjectNames() {}

  public static Set<String> of(List<Statement> statements) {
    Set<String> out = new TreeSet<>();
    for (Statement s : statements) walk(s.tree(), null, out);
    out.removeAll(EVERYWHERE);
    return out;
  }

  /**
   * The objects that a file's objects come from, whose earlier facts carry over to them: the old
   * names of renamed objects, the tables that CREATE TABLE copies (LIKE) or inherits from
   * (INHERITS, PARTITION OF), and the tables of created indexes. Objects merely referenced (a
   * foreign key's table) are left out: nothing about them changes.
   */
  public static Set<String> sources(List<Statement> statements) {
    Set<String> out = new TreeSet<>();
    for (Statement s : statements) {
      JsonNode tree = s.tree();
      JsonNode rename = tree.path("RenameStmt");
      if (!rename.isMissingNode()) {
        add(rename.path("relation").path("relname").asText(""), out);
        if (!rename.path("renameType").asText().matches("OBJECT_(COLUMN|ATTRIBUTE)")) add(rename.path("subname").asText(""), out);
        for (JsonNode name : rename.path("object")) strings(name, out);
      }
      add(tree.path("IndexStmt").path("relation").path("relname").asText(""), out);
      JsonNode create = tree.path("CreateStmt");
      for (JsonNode parent : create.path("inhRelations")) add(parent.path("RangeVar").path("relname").asText(""), out);
      for (JsonNode element : create.path("tableElts")) {
        add(element.path("TableLikeClause").path("relation").path("relname").asText(""), out);
      }
    }
    out.removeAll(EVERYWHERE);
    return out;
  }

  /**
   * A file's names and where they came from: {@link #sources}, and the names that objects get in
   * it, keyed by the object they belong to or come from ({@code successors}): an index by its
   * table, a renamed relation's new name by its old. Later migrations may name only these (DROP
   * INDEX, ALTER INDEX ... RENAME), so when the key matters, so do they.
   */
  public record Lineage(Set<String> sources, Map<String, Set<String>> successors) {
    public static final Lineage NONE = new Lineage(Set.of(), Map.of());
  }

  public static Lineage lineage(List<Statement> statements) {
    Map<String, Set<String>> successors = new java.util.TreeMap<>();
    for (Statement s : statements) {
      if (s.node() instanceof CreateIndex ci && ci.table() != null && ci.table().name() != null) {
        successor(ci.table().name(), ci.name() != null ? ci.name() : ci.defaultName(), successors);
      } else if (s.node() instanceof Rename r && r.table() != null && r.table().name() != null && r.newName() != null
          && r.oldName() == null) { // a relation renamed, not one of its columns or constraints
        successor(r.table().name(), r.newName(), successors);
      }
    }
    return new Lineage(sources(statements), successors);
  }

  private static void successor(String from, String to, Map<String, Set<String>> out) {
    if (from.isEmpty() || to.isEmpty()) return;
    out.computeIfAbsent(from.toLowerCase(Locale.ROOT), k -> new TreeSet<>()).add(to.toLowerCase(Locale.ROOT));
  }

  private static void walk(JsonNode node, String type, Set<String> out) {
    if (node.isArray()) {
      for (JsonNode child : node) walk(child, type, out);
      return;
    }
    if (!node.isObject()) return;
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = e.getKey();
      JsonNode value = e.getValue();
      if (NAME_KEYS.contains(key) && value.isTextual()) add(value.asText(), out);
      boolean namesObjects = key.equals("objects") && "DropStmt".equals(type)
          || key.equals("typeName") && ("AlterEnumStmt".equals(type) || "CreateEnumStmt".equals(type));
      if (namesObjects) strings(value, out);
      if ("RenameStmt".equals(type) && (key.equals("newname") || key.equals("subname")) && value.isTextual()
          && !node.path("renameType").asText().matches("OBJECT_(COLUMN|ATTRIBUTE)")) {
        add(value.asText(), out);
      }
      if ("AlterTableCmd".equals(type) && key.equals("name") && value.isTextual()
          && node.path("subtype").asText().contains("Constraint")) {
        add(value.asText(), out);
      }
      walk(value, Character.isUpperCase(key.charAt(0)) ? key : type, out);
    }
  }

  private static void strings(JsonNode node, Set<String> out) {
    if (node.isObject() && node.has("sval")) add(node.get("sval").asText(), out);
    for (JsonNode child : node) strings(child, out);
  }

  private static void add(String name, Set<String> out) {
    if (!name.isEmpty()) out.add(name.toLowerCase(Locale.ROOT));
  }
}
