package dev.lockstep.parse.ast;

/** What REINDEX rebuilds (PostgreSQL's ReindexObjectType); OTHER for those lockstep does not tell apart. */
public enum ReindexKind {
  INDEX, TABLE, SCHEMA, SYSTEM, DATABASE, OTHER;

  static ReindexKind of(String parserName) {
    if (parserName == null || !parserName.startsWith("REINDEX_OBJECT_")) return OTHER;
    try {
      return valueOf(parserName.substring(15));
    } catch (IllegalArgumentException e) {
      return OTHER;
    }
  }
}
