package dev.lockstep.wasmsplit;

/**
 * How a function's state travels to a piece split out of it and back: the piece takes all the
 * function's locals (parameters first, same order) and a continuation code, and returns the code,
 * the function's results (meaningful when the code says "return") and all locals again.
 */
final class Layout {
  final Function f;
  final FuncType type;
  /** Locals of the original function, parameters included. */
  final int m;

  /**
   * JVM argument slots a piece may take (the JVM allows 255, and the bytecode compiler adds two
   * of its own); i64 and f64 values take two.
   */
  static final int MAX_SLOTS = 200;

  Layout(Function f, FuncType type) {
    this.f = f;
    this.type = type;
    this.m = f.localTypes().length;
  }

  /** Whether all locals fit a piece's parameters and results. */
  boolean fits() {
    return slots(f.localTypes()) + 1 <= MAX_SLOTS && slots(type.results()) + slots(f.localTypes()) + 1 <= MAX_SLOTS;
  }

  private static int slots(byte[] types) {
    int n = 0;
    for (byte t : types) n += (t == 0x7e || t == 0x7c) ? 2 : 1;
    return n;
  }

  int results() {
    return type.results().length;
  }

  /** (locals..., code) -> (code, results..., locals...). */
  FuncType pieceType() {
    byte[] params = new byte[m + 1];
    System.arraycopy(f.localTypes(), 0, params, 0, m);
    params[m] = FuncType.I32;
    byte[] results = new byte[1 + results() + m];
    results[0] = FuncType.I32;
    System.arraycopy(type.results(), 0, results, 1, results());
    System.arraycopy(f.localTypes(), 0, results, 1 + results(), m);
    return new FuncType(params, results);
  }

  /** A piece's locals: its parameters, then the results being returned, then a scratch i32. */
  byte[] pieceLocals() {
    byte[] p = pieceType().params();
    byte[] l = new byte[p.length + results() + 1];
    System.arraycopy(p, 0, l, 0, p.length);
    System.arraycopy(type.results(), 0, l, p.length, results());
    l[l.length - 1] = FuncType.I32;
    return l;
  }

  /** The original function's locals, then the code, then the results being returned. */
  byte[] callerLocals() {
    byte[] l = new byte[m + 1 + results()];
    System.arraycopy(f.localTypes(), 0, l, 0, m);
    l[m] = FuncType.I32;
    System.arraycopy(type.results(), 0, l, m + 1, results());
    return l;
  }

  /** In the caller and in pieces alike: the local holding the continuation code. */
  int codeLocal() {
    return m;
  }

  int resultLocal(int r) {
    return m + 1 + r;
  }

  int scratchLocal() {
    return m + 1 + results();
  }

  /** Pushes the locals and the code, as pieces take them. */
  void pushState(Code c) {
    for (int i = 0; i <= m; i++) c.get(i);
  }

  /** Pushes what a piece returns: code, results, locals. */
  void pushResults(Code c) {
    c.get(codeLocal());
    for (int r = 0; r < results(); r++) c.get(resultLocal(r));
    for (int i = 0; i < m; i++) c.get(i);
  }

  /** Stores what a piece returned, in reverse order. */
  void popResults(Code c) {
    for (int i = m - 1; i >= 0; i--) c.set(i);
    for (int r = results() - 1; r >= 0; r--) c.set(resultLocal(r));
    c.set(codeLocal());
  }

  /** Pushes the saved results and returns from the caller. */
  void returnResults(Code c) {
    for (int r = 0; r < results(); r++) c.get(resultLocal(r));
    c.op(Op.RETURN);
  }
}
