package dev.lockstep.parse.wasm;

/** The libpg_query calls lockstep uses. Any call may throw {@link WasmTrap}; then discard the instance. */
public interface PgQuery {
  /** pg_query_parse: the JSON parse tree, or PostgreSQL's error with its 1-based cursor position. */
  RawParse parse(byte[] utf8);

  /** pg_query_scan: JSON token list, or an error message (the scanner reports no position). */
  RawParse scan(byte[] utf8);

  /** pg_query_parse_plpgsql: JSON of the PL/pgSQL function(s), or an error message. */
  RawParse parsePlpgsql(byte[] utf8);

  /** Bytes of linear memory in use; grows with the largest input parsed so far. */
  long memoryBytes();
}
