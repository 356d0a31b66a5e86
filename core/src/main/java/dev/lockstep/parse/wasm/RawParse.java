package dev.lockstep.parse.wasm;

/**
 * What one libpg_query call returned: JSON text, or PostgreSQL's error message with the
 * 1-based character position of the error in the input (0 when unknown).
 */
public record RawParse(String json, String error, int cursor) {
  static RawParse ok(String json) {
    return new RawParse(json, null, 0);
  }

  static RawParse error(String message, int cursor) {
    return new RawParse(null, message, cursor);
  }

  public boolean ok() {
    return error == null;
  }
}
