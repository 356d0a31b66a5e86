package dev.lockstep.wasmsplit;

import java.util.Arrays;

/**
 * How a function's state travels to the pieces split out of it and back. A piece takes the
 * locals the moved code uses (in their original order) and a continuation code, and returns the
 * code, the function's results (meaningful when the code says "return") and the locals the moved
 * code writes. A branch out of a piece to a label that carries a value leaves the value in a
 * slot of its type, returned after the results. In the piece, the locals are renumbered: the ones
 * passed in first, then the code, the results, the carried values and a scratch i32.
 */
final class Layout {
  /**
   * JVM argument slots a piece may take (the JVM allows 255, and the bytecode compiler adds two
   * of its own); i64 and f64 values take two.
   */
  static final int MAX_SLOTS = 200;
  private static final byte[] I32 = {FuncType.I32};

  final Function f;
  final FuncType type;
  /** Original indexes of the locals passed to pieces, ascending. */
  private final int[] passed;
  /** Original indexes of the locals pieces return, ascending. */
  private final int[] written;
  /** Original local index to piece local index; -1 for locals not passed. */
  private final int[] pieceIndex;
  /** Types of the values that branches out of a piece carry, one slot each. */
  private final byte[] carried;
  private final FuncType pieceType;

  Layout(Function f, FuncType type, int[] passed, int[] written, byte[] carried) {
    this.f = f;
    this.type = type;
    this.passed = passed;
    this.written = written;
    this.carried = carried;
    this.pieceIndex = new int[f.localTypes().length];
    Arrays.fill(pieceIndex, -1);
    for (int i = 0; i < passed.length; i++) pieceIndex[passed[i]] = i;
    this.pieceType = new FuncType(concat(typesOf(passed), I32), concat(I32, type.results(), carried, typesOf(written)));
  }

  int results() {
    return type.results().length;
  }

  /** The slot of a carried value type. */
  int carrySlot(int valueType) {
    for (int k = 0; k < carried.length; k++) if ((carried[k] & 0xff) == valueType) return k;
    throw new IllegalStateException("no slot for value type " + valueType);
  }

  /** Whether the passed locals fit a piece's parameters and results. */
  boolean fits() {
    return slots(pieceType.params()) <= MAX_SLOTS && slots(pieceType.results()) <= MAX_SLOTS;
  }

  private static int slots(byte[] types) {
    int n = 0;
    for (byte t : types) n += (t == 0x7e || t == 0x7c) ? 2 : 1;
    return n;
  }

  private byte[] typesOf(int[] locals) {
    byte[] t = new byte[locals.length];
    for (int i = 0; i < locals.length; i++) t[i] = f.localTypes()[locals[i]];
    return t;
  }

  private static byte[] concat(byte[]... parts) {
    byte[] out = new byte[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** (passed locals..., code) -> (code, results..., carried values..., written locals...). */
  FuncType pieceType() {
    return pieceType;
  }

  /** A piece's locals: its parameters, the results, the carried values, a scratch i32. */
  byte[] pieceLocals() {
    return concat(pieceType.params(), type.results(), carried, I32);
  }

  /** The original function's locals, then the code, the results and the carried values. */
  byte[] callerLocals() {
    return concat(f.localTypes(), I32, type.results(), carried);
  }

  /** The piece's index of an original local (passed, since the piece uses it). */
  int pieceLocal(int original) {
    int i = pieceIndex[original];
    if (i < 0) throw new IllegalStateException("local " + original + " is not passed to the piece");
    return i;
  }

  int pieceParams() {
    return passed.length + 1;
  }

  int pieceCode() {
    return passed.length;
  }

  int pieceResult(int r) {
    return passed.length + 1 + r;
  }

  int pieceCarry(int slot) {
    return passed.length + 1 + results() + slot;
  }

  int pieceScratch() {
    return passed.length + 1 + results() + carried.length;
  }

  int callerCode() {
    return f.localTypes().length;
  }

  int callerResult(int r) {
    return f.localTypes().length + 1 + r;
  }

  int callerCarry(int slot) {
    return f.localTypes().length + 1 + results() + slot;
  }

  /** In the caller: pushes the passed locals and the code, as pieces take them. */
  void pushState(Code c) {
    for (int local : passed) c.get(local);
    c.get(callerCode());
  }

  /** In a function with a piece's signature: pushes its own parameters, to call another piece. */
  void forwardParams(Code c) {
    for (int i = 0; i < pieceParams(); i++) c.get(i);
  }

  /** In a piece: pushes what it returns (code, results, written locals). */
  void pushResults(Code c) {
    c.get(pieceCode());
    for (int r = 0; r < results(); r++) c.get(pieceResult(r));
    for (int k = 0; k < carried.length; k++) c.get(pieceCarry(k));
    for (int local : written) c.get(pieceLocal(local));
  }

  /** In the caller: stores what a piece returned, in reverse order. */
  void popResults(Code c) {
    for (int i = written.length - 1; i >= 0; i--) c.set(written[i]);
    for (int k = carried.length - 1; k >= 0; k--) c.set(callerCarry(k));
    for (int r = results() - 1; r >= 0; r--) c.set(callerResult(r));
    c.set(callerCode());
  }

  /** In the caller: pushes the saved results and returns. */
  void returnResults(Code c) {
    for (int r = 0; r < results(); r++) c.get(callerResult(r));
    c.op(Op.RETURN);
  }
}
