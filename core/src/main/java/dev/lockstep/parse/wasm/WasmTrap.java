package dev.lockstep.parse.wasm;

/** The parser instance failed in a way that leaves it unusable (trap, abort, exhausted stack). */
public final class WasmTrap extends RuntimeException {
  /** The message of a parse stopped by the per-file time limit (the thread was interrupted). */
  public static final String STOPPED = "parsing took longer than the time limit";

  public WasmTrap(String message) {
    super(message);
  }

  public WasmTrap(String message, Throwable cause) {
    super(message, cause);
  }
}
