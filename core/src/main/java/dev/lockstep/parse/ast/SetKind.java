package dev.lockstep.parse.ast;

/** What a SET or RESET does (PostgreSQL's VariableSetKind); OTHER for those lockstep does not tell apart. */
public enum SetKind {
  SET_VALUE, SET_DEFAULT, SET_CURRENT, SET_MULTI, RESET, RESET_ALL, OTHER;

  static SetKind of(String parserName) {
    if (parserName == null || !parserName.startsWith("VAR_")) return OTHER;
    try {
      return valueOf(parserName.substring(4));
    } catch (IllegalArgumentException e) {
      return OTHER;
    }
  }
}
