package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;

/** BEGIN, START TRANSACTION, COMMIT, ROLLBACK, SAVEPOINT, RELEASE, PREPARE TRANSACTION... */
public final class Transaction extends Node {
  Transaction(JsonNode fields) {
    super("TransactionStmt", fields);
  }

  public TransactionKind transactionKind() {
    return TransactionKind.of(text("kind"));
  }

  public boolean begins() {
    TransactionKind k = transactionKind();
    return k == TransactionKind.BEGIN || k == TransactionKind.START;
  }

  public boolean ends() {
    return switch (transactionKind()) {
      case COMMIT, ROLLBACK, PREPARE, COMMIT_PREPARED, ROLLBACK_PREPARED -> true;
      default -> false;
    };
  }
}
