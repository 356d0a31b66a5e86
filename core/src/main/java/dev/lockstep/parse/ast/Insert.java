package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code INSERT INTO table [(columns)] ...}; a copy from one table reads as {@link #copiedFrom}. */
public final class Insert extends Node {
  Insert(JsonNode fields) {
    super("InsertStmt", fields);
  }

  public RangeVar table() {
    JsonNode rel = fields.path("relation");
    return rel.isObject() ? RangeVar.fromFields(rel) : null;
  }

  /** The target column list, empty when the statement names none. */
  public List<String> columns() {
    List<String> out = new ArrayList<>();
    for (JsonNode c : fields.path("cols")) out.add(c.path("ResTarget").path("name").asText());
    return out;
  }

  /**
   * For {@code INSERT INTO t (a, b) SELECT x, y FROM source [WHERE ...]}: the source table and the
   * column each target column is copied from. Empty for anything else (VALUES, joins, expressions,
   * a star, no column list), which is not a plain copy of columns.
   */
  public Optional<ColumnCopy> copiedFrom() {
    List<String> targets = columns();
    if (targets.isEmpty()) return Optional.empty();
    return ColumnCopy.of(fields.path("selectStmt"), targets);
  }

  /** Columns {@code sources} of {@code from} copied, in order, into {@code targets}. */
  public record ColumnCopy(RangeVar from, List<String> sources, List<String> targets) {
    public ColumnCopy {
      sources = List.copyOf(sources);
      targets = List.copyOf(targets);
    }

    /**
     * The copy a {@code SELECT x, y FROM source [WHERE ...]} makes into {@code targets}; with no
     * targets, into columns named as the select list names them (an alias, else the column's name).
     */
    static Optional<ColumnCopy> of(JsonNode query, List<String> targets) {
      JsonNode select = query.path("SelectStmt");
      JsonNode from = select.path("fromClause");
      if (!select.isObject() || from.size() != 1 || !from.get(0).has("RangeVar")
          || select.has("withClause") || select.has("groupClause") || select.has("distinctClause")
          || select.has("op") && !select.path("op").asText().equals("SETOP_NONE")) {
        return Optional.empty();
      }
      List<String> sources = new ArrayList<>();
      List<String> named = new ArrayList<>();
      for (JsonNode t : select.path("targetList")) {
        JsonNode ref = t.path("ResTarget").path("val").path("ColumnRef").path("fields");
        if (!ref.isArray() || ref.isEmpty() || !ref.get(ref.size() - 1).has("String")) return Optional.empty();
        String source = ref.get(ref.size() - 1).path("String").path("sval").asText();
        sources.add(source);
        JsonNode alias = t.path("ResTarget").path("name");
        named.add(alias.isTextual() ? alias.asText() : source);
      }
      List<String> into = targets.isEmpty() ? named : targets;
      if (sources.isEmpty() || into.size() != sources.size()) return Optional.empty();
      return Optional.of(new ColumnCopy(RangeVar.fromFields(from.get(0).get("RangeVar")), sources, into));
    }
  }
}
