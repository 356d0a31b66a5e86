package dev.lockstep.parse.ast;

/** The kind of a constraint or column clause (PostgreSQL's ConstrType); OTHER for those lockstep does not tell apart. */
public enum ConstraintType {
  NULL, NOTNULL, DEFAULT, IDENTITY, GENERATED, CHECK, PRIMARY, UNIQUE, EXCLUSION, FOREIGN, ATTR_DEFERRABLE, ATTR_NOT_DEFERRABLE, ATTR_DEFERRED, ATTR_IMMEDIATE, OTHER;

  static ConstraintType of(String parserName) {
    if (parserName == null || !parserName.startsWith("CONSTR_")) return OTHER;
    try {
      return valueOf(parserName.substring(7));
    } catch (IllegalArgumentException e) {
      return OTHER;
    }
  }
}
