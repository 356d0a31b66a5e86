package dev.lockstep.parse.ast;

/** A transaction-control statement (PostgreSQL's TransactionStmtKind); OTHER for those lockstep does not tell apart. */
public enum TransactionKind {
  BEGIN, START, COMMIT, ROLLBACK, SAVEPOINT, RELEASE, ROLLBACK_TO, PREPARE, COMMIT_PREPARED, ROLLBACK_PREPARED, OTHER;

  static TransactionKind of(String parserName) {
    if (parserName == null || !parserName.startsWith("TRANS_STMT_")) return OTHER;
    try {
      return valueOf(parserName.substring(11));
    } catch (IllegalArgumentException e) {
      return OTHER;
    }
  }
}
