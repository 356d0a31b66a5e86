package dev.lockstep.parse.ast;

import java.util.Set;

/** Quotes identifiers the way PostgreSQL's quote_ident does. */
public final class Identifiers {
  // Reserved keywords that cannot be used unquoted as a table or column name.
  private static final Set<String> RESERVED = Set.of(
      "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case",
      "cast", "check", "collate", "column", "constraint", "create", "current_catalog",
      "current_date", "current_role", "current_time", "current_timestamp", "current_user",
      "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch",
      "for", "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into",
      "lateral", "leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on",
      "only", "or", "order", "placing", "primary", "references", "returning", "select",
      "session_user", "some", "symmetric", "system_user", "table", "then", "to", "trailing", "true",
      "union", "unique", "user", "using", "variadic", "when", "where", "window", "with");

  private Identifiers() {}

  public static String quote(String ident) {
    if (ident == null) return "";
    boolean plain = !ident.isEmpty() && (Character.isLowerCase(ident.charAt(0)) || ident.charAt(0) == '_')
        && ident.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')
        && !RESERVED.contains(ident);
    return plain ? ident : "\"" + ident.replace("\"", "\"\"") + "\"";
  }
}
