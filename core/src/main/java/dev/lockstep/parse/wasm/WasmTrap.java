package dev.lockstep.parse.wasm;

/** The parser instance failed in a way that leaves it unusable (trap, abort, exhausted stack). */
public final class WasmTrap extends RuntimeException {
  public WasmTrap(String message) {
    super(message);
  }

  public WasmTrap(String message, Throwable cause) {
    super(message, cause);
  }
}
