package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;

/** BEGIN, START TRANSACTION, COMMIT, ROLLBACK, SAVEPOINT, RELEASE, PREPARE TRANSACTION... */
public final class Transaction extends Node {
  Transaction(JsonNode fields) {
    super("TransactionStmt", fields);
  }

  /** The TransactionStmtKind, e.g. TRANS_STMT_BEGIN. */
  public String transactionKind() {
    return text("kind");
  }

  public boolean begins() {
    String k = transactionKind();
    return "TRANS_STMT_BEGIN".equals(k) || "TRANS_STMT_START".equals(k);
  }

  public boolean ends() {
    String k = transactionKind();
    return "TRANS_STMT_COMMIT".equals(k) || "TRANS_STMT_ROLLBACK".equals(k)
        || "TRANS_STMT_PREPARE".equals(k) || "TRANS_STMT_COMMIT_PREPARED".equals(k)
        || "TRANS_STMT_ROLLBACK_PREPARED".equals(k);
  }
}
