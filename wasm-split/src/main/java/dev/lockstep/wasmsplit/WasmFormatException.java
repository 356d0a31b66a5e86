package dev.lockstep.wasmsplit;

/** The input is not a wasm module this tool can read, or a function has a shape it cannot split. */
public final class WasmFormatException extends RuntimeException {
  public WasmFormatException(String message) {
    super(message);
  }
}
