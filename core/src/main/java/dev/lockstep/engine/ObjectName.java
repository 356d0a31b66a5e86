package dev.lockstep.engine;

import java.util.List;

/**
 * A schema-qualified name. An unqualified name resolves through search_path, which is "public" in
 * almost every migration.
 */
public record ObjectName(String schema, String name) {
  public ObjectName {
    if (schema == null) schema = "public";
  }

  /** From name parts as the parser gives them: [name], [schema, name] or [catalog, schema, name]. */
  public static ObjectName of(List<String> parts) {
    int n = parts.size();
    return new ObjectName(n > 1 ? parts.get(n - 2) : null, n == 0 ? "" : parts.get(n - 1));
  }

  @Override
  public String toString() {
    return schema + "." + name;
  }
}
