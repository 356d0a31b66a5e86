package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code COPY table [(cols)] FROM|TO file|STDIN|STDOUT|PROGRAM}. */
public final class Copy extends Node {
  Copy(JsonNode fields) {
    super("CopyStmt", fields);
  }

  public RangeVar table() {
    return typed("relation", RangeVar::fromFields);
  }

  public boolean from() {
    return flag("is_from");
  }

  /** COPY ... FROM|TO PROGRAM: the server runs a program. */
  public boolean program() {
    return flag("is_program");
  }

  /** COPY ... FROM|TO 'file': the server reads or writes a file. */
  public boolean serverFile() {
    return fields.has("filename") && !flag("is_program");
  }

  /** COPY ... FROM STDIN or TO STDOUT: the data travels over the connection, not a server file or program. */
  public boolean stdio() {
    return !fields.has("filename") && !flag("is_program");
  }

  /** COPY ... FROM STDIN: data follows the statement in a psql script. */
  public boolean fromStdin() {
    return from() && !fields.has("filename");
  }
}
