package dev.lockstep.parse.ast;

/** The kind of object a statement names (PostgreSQL's ObjectType); OTHER for those lockstep does not tell apart. */
public enum ObjectType {
  ACCESS_METHOD, AGGREGATE, COLLATION, COLUMN, CONVERSION, DATABASE, DEFAULT, DOMAIN, DOMCONSTRAINT, EVENT_TRIGGER, EXTENSION, FDW, FOREIGN_SERVER, FOREIGN_TABLE, FUNCTION, INDEX, LANGUAGE, MATVIEW, OPERATOR, PARAMETER_ACL, POLICY, PROCEDURE, PUBLICATION, ROLE, ROUTINE, RULE, SCHEMA, SEQUENCE, SUBSCRIPTION, STATISTIC_EXT, TABCONSTRAINT, TABLE, TABLESPACE, TRIGGER, TSCONFIGURATION, TSDICTIONARY, TYPE, VIEW, OTHER;

  static ObjectType of(String parserName) {
    if (parserName == null || !parserName.startsWith("OBJECT_")) return OTHER;
    try {
      return valueOf(parserName.substring(7));
    } catch (IllegalArgumentException e) {
      return OTHER;
    }
  }
}
