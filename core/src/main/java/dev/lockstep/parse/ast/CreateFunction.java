package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code CREATE [OR REPLACE] FUNCTION | PROCEDURE name(...) ...}. */
public final class CreateFunction extends Node {
  CreateFunction(JsonNode fields) {
    super("CreateFunctionStmt", fields);
  }

  /** The name parts as written, e.g. ["billing", "total"]. */
  public List<String> name() {
    return names("funcname");
  }
}
