package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code CREATE TABLE ... AS} / {@code SELECT ... INTO} and {@code CREATE MATERIALIZED VIEW}. */
public final class CreateTableAs extends Node {
  CreateTableAs(JsonNode fields) {
    super("CreateTableAsStmt", fields);
  }

  /** The relation created. */
  public RangeVar table() {
    JsonNode rel = fields.path("into").path("rel");
    return rel.isObject() ? RangeVar.fromFields(rel) : null;
  }

  /** {@code WITH NO DATA}: the table is created empty. */
  public boolean withNoData() {
    return fields.path("into").path("skipData").asBoolean(false);
  }

  /**
   * For {@code CREATE TABLE t [(columns)] AS SELECT x, y FROM source [WHERE ...]}: the source table and
   * the column each new column is copied from. Empty for anything else (see {@link Insert#copiedFrom}).
   */
  public Optional<Insert.ColumnCopy> copiedFrom() {
    if (materializedView() || fields.path("query").path("SelectStmt").isMissingNode()) return Optional.empty();
    List<String> columns = new ArrayList<>();
    for (JsonNode c : fields.path("into").path("colNames")) columns.add(c.path("String").path("sval").asText());
    return Insert.ColumnCopy.of(fields.path("query"), columns);
  }

  public boolean materializedView() {
    return ObjectType.of(text("objtype")) == ObjectType.MATVIEW;
  }
}
