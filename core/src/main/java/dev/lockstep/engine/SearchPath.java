package dev.lockstep.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * How a session resolves unqualified names: {@code SET search_path}'s schemas in order. A new
 * object goes into the first schema of the path, a reference means the first schema of the path
 * that has an object of that name (PostgreSQL's namespace.c). {@code "$user"}, {@code pg_temp} and
 * {@code pg_catalog} hold no migration's tables and are passed over. The default path is
 * {@code "$user", public}: {@code public}.
 */
record SearchPath(List<String> schemas) {
  static final SearchPath DEFAULT = new SearchPath(List.of("public"));

  SearchPath {
    schemas = List.copyOf(schemas);
  }

  /**
   * The path a {@code SET search_path} gives, from its values: each value is one schema name as the
   * parser gives it (PostgreSQL quotes each as an identifier, so {@code 'App'} is the schema
   * {@code App} and {@code 'a, b'} one schema of that name).
   */
  static SearchPath of(List<String> values) {
    List<String> out = new ArrayList<>();
    for (String s : values) {
      if (s.isEmpty() || s.equals("$user") || s.equals("pg_temp") || s.equals("pg_catalog")) continue;
      out.add(s);
    }
    return out.isEmpty() ? DEFAULT : new SearchPath(out);
  }

  /** Where an unqualified new object goes. */
  String creationSchema() {
    return schemas.get(0);
  }

  /** The object an unqualified name refers to: in the first schema of the path where {@code exists}, else the first schema. */
  ObjectName resolve(String name, Predicate<ObjectName> exists) {
    if (schemas.size() > 1) {
      for (String s : schemas) {
        ObjectName candidate = new ObjectName(s, name);
        if (exists.test(candidate)) return candidate;
      }
    }
    return new ObjectName(creationSchema(), name);
  }
}
