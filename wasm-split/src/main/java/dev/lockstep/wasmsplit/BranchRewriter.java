package dev.lockstep.wasmsplit;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies a run of instructions into a piece split out of a function, renumbering locals as
 * {@link Layout} says. Branches whose target stays valid in the piece are copied; the others,
 * and {@code return}, set the continuation code and branch to the piece's exit block.
 */
final class BranchRewriter {
  /** Where branches out of the copied code go, as seen from its first instruction. */
  interface Targets {
    /**
     * The code for a branch to the label {@code depth} levels outside the copied code, or -1
     * when that label exists in the piece at the same depth and the branch can stay.
     */
    int code(int depth);

    /** Refuses a code the caller cannot branch to (a label that carries several values). */
    void check(int code);

    /** The value type a branch to the code's label carries, or 0. */
    int carried(int code);

    /** Depth of the piece's exit block, seen from the copied code's outermost level. */
    int exitDepth();

    /** The code that makes the caller return. */
    int returnCode();
  }

  private final Layout layout;
  private final Code c;

  BranchRewriter(Layout layout, Code c) {
    this.layout = layout;
    this.c = c;
  }

  void copy(byte[] code, List<Instr> instrs, int from, int to, Targets targets) {
    int level = 0;
    for (int i = from; i < to; i++) {
      Instr x = instrs.get(i);
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
          int target = codeOf(targets, level, x.depth());
          if (target < 0) c.copy(code, x);
          else leave(targets, target, x.op() == Instr.BR_IF, level + targets.exitDepth());
        }
        case Instr.BR_TABLE -> brTable(targets, level, x, code);
        case Instr.RETURN -> leave(targets, targets.returnCode(), false, level + targets.exitDepth());
        case Instr.RETURN_CALL, Instr.RETURN_CALL_INDIRECT -> throw new WasmFormatException(
            "tail calls are not supported in code being split");
        case Instr.LOCAL_GET, Instr.LOCAL_SET, Instr.LOCAL_TEE -> c.op(x.op()).index(layout.pieceLocal(x.index()));
        default -> c.copy(code, x);
      }
    }
  }

  private static int codeOf(Targets targets, int level, int depth) {
    return depth < level ? -1 : targets.code(depth - level);
  }

  /** Sets the code and branches to the exit, {@code exitDepth} levels up. */
  private void leave(Targets targets, int target, boolean conditional, int exitDepth) {
    targets.check(target);
    if (target == targets.returnCode() && layout.results() > 0) {
      if (conditional) throw new WasmFormatException("a conditional return with values is not supported");
      for (int r = layout.results() - 1; r >= 0; r--) c.set(layout.pieceResult(r));
    }
    int value = targets.carried(target);
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
  private void brTable(Targets targets, int level, Instr x, byte[] code) {
    int[] all = Arrays.copyOf(x.targets(), x.targets().length + 1);
    all[all.length - 1] = x.depth();
    Map<Integer, Integer> trampolines = new LinkedHashMap<>();
    for (int depth : all) {
      int target = codeOf(targets, level, depth);
      if (target >= 0) {
        targets.check(target);
        if (targets.carried(target) != 0) {
          throw new WasmFormatException("a br_table out of the code being split carries a value");
        }
        trampolines.putIfAbsent(target, trampolines.size());
      }
    }
    if (trampolines.isEmpty()) {
      c.copy(code, x);
      return;
    }
    if (trampolines.containsKey(targets.returnCode()) && layout.results() > 0) {
      throw new WasmFormatException("a br_table that returns values is not supported");
    }
    int u = trampolines.size();
    int[] mapped = new int[all.length];
    for (int i = 0; i < all.length; i++) {
      int target = codeOf(targets, level, all[i]);
      mapped[i] = target >= 0 ? trampolines.get(target) : all[i] + u;
    }
    c.set(layout.pieceScratch());
    for (int i = 0; i < u; i++) c.block();
    c.get(layout.pieceScratch()).brTable(Arrays.copyOf(mapped, mapped.length - 1), mapped[mapped.length - 1]);
    int i = 0;
    for (int target : trampolines.keySet()) {
      c.end().i32(target).set(layout.pieceCode()).br((u - 1 - i) + level + targets.exitDepth());
      i++;
    }
  }
}
