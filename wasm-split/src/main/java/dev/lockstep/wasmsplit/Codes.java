package dev.lockstep.wasmsplit;

import java.util.TreeSet;

/**
 * The continuation codes of one {@link Nest}: label depths as seen from the nest's innermost
 * block, so the original {@code br_table} target of a case is its code.
 *
 * <ul>
 *   <li>{@code k < n-1}: run body k;
 *   <li>{@code n-1}: leave the nest;
 *   <li>{@code n+d}: branch to the label d levels outside the nest;
 *   <li>{@code n+outer}: return from the function, with the results passed along.
 * </ul>
 */
final class Codes {
  final Nest nest;
  /** Number of case bodies plus one: the code that leaves the nest. */
  final int n;
  final int returnCode;

  Codes(Nest nest) {
    this.nest = nest;
    this.n = nest.size();
    this.returnCode = n + nest.outer.size();
  }

  /** The outer label a code names, or null for the nest's own codes and for return. */
  private Instr outerLabel(int code) {
    return code >= n && code < returnCode ? nest.instrs.get(nest.outer.get(code - n)) : null;
  }

  /** Refuses a code the caller cannot branch to: a label that carries several values. */
  void check(int code) {
    Instr label = outerLabel(code);
    if (label != null && label.labelValue() < 0) {
      throw new WasmFormatException("a branch out of the switch carries several values, which is not supported");
    }
  }

  /** The value type a branch to the code's label carries, or 0. */
  int carried(int code) {
    Instr label = outerLabel(code);
    return label == null ? 0 : label.labelValue();
  }

  /** The value types outer labels carry, each once. */
  byte[] carriedTypes() {
    TreeSet<Integer> types = new TreeSet<>();
    for (int o : nest.outer) {
      int v = nest.instrs.get(o).labelValue();
      if (v > 0) types.add(v);
    }
    byte[] out = new byte[types.size()];
    int i = 0;
    for (int t : types) out[i++] = (byte) t;
    return out;
  }
}
