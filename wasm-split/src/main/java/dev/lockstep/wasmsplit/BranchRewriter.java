package dev.lockstep.wasmsplit;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Copies a case body into the chunk that holds bodies up to {@code last}, renumbering locals as
 * {@link Layout} says. Branches to bodies of the same chunk stay; the others, and {@code return},
 * set the continuation code and branch to the chunk's exit block.
 */
final class BranchRewriter {
  private final Layout layout;
  private final Codes codes;
  private final Code c;

  BranchRewriter(Layout layout, Codes codes, Code c) {
    this.layout = layout;
    this.codes = codes;
    this.c = c;
  }

  /** Copies body k into a chunk whose last body is {@code last}. */
  void copyBody(int k, int last) {
    byte[] code = layout.f.code();
    Nest nest = codes.nest;
    Chunk chunk = new Chunk(k, last);
    int level = 0;
    for (int i = nest.bodyStart(k); i < nest.bodyEnd(k); i++) {
      Instr x = nest.instrs.get(i);
      switch (x.op()) {
        case Instr.BLOCK, Instr.LOOP, Instr.IF -> {
          level++;
          c.copy(code, x);
        }
        case Instr.END -> {
          level--;
          c.copy(code, x);
        }
        case Instr.BR, Instr.BR_IF -> {
          int target = chunk.codeOf(level, x.depth());
          if (target < 0) c.copy(code, x);
          else leave(target, x.op() == Instr.BR_IF, level + chunk.exitDepth());
        }
        case Instr.BR_TABLE -> brTable(chunk, level, x, code);
        case Instr.RETURN -> leave(codes.returnCode, false, level + chunk.exitDepth());
        case Instr.RETURN_CALL, Instr.RETURN_CALL_INDIRECT -> throw new WasmFormatException(
            "tail calls are not supported in code being split");
        case Instr.LOCAL_GET, Instr.LOCAL_SET, Instr.LOCAL_TEE -> c.op(x.op()).index(layout.pieceLocal(x.index()));
        default -> c.copy(code, x);
      }
    }
  }

  /** Body k in a chunk ending with body {@code last}. */
  private record Chunk(int k, int last) {
    /**
     * The code of a branch {@code depth} levels up from {@code level} levels inside the body, or
     * -1 when its label stays valid in the chunk (inside the body, or a later body of the chunk).
     */
    int codeOf(int level, int depth) {
      if (depth < level) return -1;
      int code = k + 1 + (depth - level);
      return code <= last ? -1 : code;
    }

    /** Depth of the chunk's exit block, seen from the body's outermost level. */
    int exitDepth() {
      return last - k;
    }
  }

  /** Sets the code and branches to the exit, {@code exitDepth} levels up. */
  private void leave(int target, boolean conditional, int exitDepth) {
    codes.check(target);
    if (target == codes.returnCode && layout.results() > 0) {
      if (conditional) throw new WasmFormatException("a conditional return with values is not supported");
      for (int r = layout.results() - 1; r >= 0; r--) c.set(layout.pieceResult(r));
    }
    int value = codes.carried(target);
    if (value != 0) {
      int slot = layout.pieceCarry(layout.carrySlot(value));
      if (conditional) {
        // br_if keeps the value on the stack when it does not branch
        c.set(layout.pieceScratch()).tee(slot).get(layout.pieceScratch());
      } else {
        c.set(slot);
      }
    }
    if (conditional) {
      c.ifThen().i32(target).set(layout.pieceCode()).br(exitDepth + 1).end();
    } else {
      c.i32(target).set(layout.pieceCode()).br(exitDepth);
    }
  }

  /**
   * A br_table with targets that leave: each such target gets a trampoline block that sets its
   * code and branches to the exit.
   */
  private void brTable(Chunk chunk, int level, Instr x, byte[] code) {
    int[] all = Arrays.copyOf(x.targets(), x.targets().length + 1);
    all[all.length - 1] = x.depth();
    Map<Integer, Integer> trampolines = new LinkedHashMap<>();
    for (int depth : all) {
      int target = chunk.codeOf(level, depth);
      if (target >= 0) {
        codes.check(target);
        if (codes.carried(target) != 0) {
          throw new WasmFormatException("a br_table out of the code being split carries a value");
        }
        trampolines.putIfAbsent(target, trampolines.size());
      }
    }
    if (trampolines.isEmpty()) {
      c.copy(code, x);
      return;
    }
    if (trampolines.containsKey(codes.returnCode) && layout.results() > 0) {
      throw new WasmFormatException("a br_table that returns values is not supported");
    }
    int u = trampolines.size();
    int[] mapped = new int[all.length];
    for (int i = 0; i < all.length; i++) {
      int target = chunk.codeOf(level, all[i]);
      mapped[i] = target >= 0 ? trampolines.get(target) : all[i] + u;
    }
    c.set(layout.pieceScratch());
    for (int i = 0; i < u; i++) c.block();
    c.get(layout.pieceScratch()).brTable(Arrays.copyOf(mapped, mapped.length - 1), mapped[mapped.length - 1]);
    for (Map.Entry<Integer, Integer> t : trampolines.entrySet()) {
      c.end().i32(t.getKey()).set(layout.pieceCode()).br((u - 1 - t.getValue()) + level + chunk.exitDepth());
    }
  }
}
