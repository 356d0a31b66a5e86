package dev.lockstep.wasmsplit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The shape compilers give a large {@code switch}: a {@code br_table} inside a nest of blocks,
 * where each block's first instruction opens the next-inner block and each case body follows the
 * {@code end} of the block its case branches to:
 *
 * <pre>
 * block B(n-1) ... block B1  block B0  (prefix) br_table ...  end  body 0  end  body 1 ... end
 * </pre>
 *
 * Branching to {@code B(k)} runs body k, then falls through to body k+1 and so on; after body
 * n-2 execution leaves {@code B(n-1)}.
 */
final class Nest {
  final List<Instr> instrs;
  /** Instruction indexes of the blocks' openers, innermost (B0) first. */
  final int[] blocks;
  /** Instruction index of each opener's and each end's partner. */
  final int[] partner;
  final int brTable;
  /** Constructs (blocks, loops, ifs) enclosing the whole nest, innermost first. */
  final List<Integer> outer;

  private Nest(List<Instr> instrs, int[] blocks, int[] partner, int brTable, List<Integer> outer) {
    this.instrs = instrs;
    this.blocks = blocks;
    this.partner = partner;
    this.brTable = brTable;
    this.outer = outer;
  }

  int size() {
    return blocks.length;
  }

  /** The first instruction of body k (0 &lt;= k &lt;= n-2): the one after B(k)'s end. */
  int bodyStart(int k) {
    return partner[blocks[k]] + 1;
  }

  /** One past the last instruction of body k: the end of B(k+1). */
  int bodyEnd(int k) {
    return partner[blocks[k + 1]];
  }

  int bodyBytes(int k) {
    return instrs.get(bodyEnd(k)).start() - instrs.get(bodyStart(k)).start();
  }

  /** Instruction index of the nest's first instruction (B(n-1)'s opener). */
  int first() {
    return blocks[blocks.length - 1];
  }

  /** Instruction index of B(n-1)'s end. */
  int last() {
    return partner[first()];
  }

  /** The largest nest in a function, or null when it has none with at least two case bodies. */
  static Nest find(List<Instr> instrs) {
    int[] partner = new int[instrs.size()];
    Deque<Integer> open = new ArrayDeque<>();
    List<int[]> candidates = new ArrayList<>(); // each br_table with the constructs around it
    for (int i = 0; i < instrs.size(); i++) {
      Instr x = instrs.get(i);
      if (x.op() == Instr.BR_TABLE && !open.isEmpty()) {
        candidates.add(concat(i, open));
      } else if (x.opensBlock()) {
        open.push(i);
      } else if (x.op() == Instr.END && !open.isEmpty()) {
        int o = open.pop();
        partner[o] = i;
        partner[i] = o;
      }
    }
    Nest best = null;
    for (int[] c : candidates) {
      Nest n = nestAround(instrs, partner, c);
      if (n != null && (best == null || n.size() > best.size())) best = n;
    }
    return best;
  }

  private static int[] concat(int brTable, Deque<Integer> open) {
    int[] out = new int[open.size() + 1];
    out[0] = brTable;
    int i = 1;
    for (int o : open) out[i++] = o; // innermost first
    return out;
  }

  private static Nest nestAround(List<Instr> instrs, int[] partner, int[] c) {
    int brTable = c[0];
    int b0 = c[1];
    if (!isPlainBlock(instrs.get(b0))) return null;
    for (int i = b0 + 1; i < brTable; i++) {
      Instr x = instrs.get(i);
      if (x.opensBlock() || x.branches() || x.op() == Instr.RETURN || x.op() == Instr.ELSE
          || x.op() == Instr.END) {
        return null; // the index computation must be straight-line code
      }
    }
    int n = 1;
    while (n + 1 < c.length && c[n + 1] == c[n] - 1 && isPlainBlock(instrs.get(c[n + 1]))) n++;
    if (n < 3) return null;
    int[] blocks = new int[n];
    System.arraycopy(c, 1, blocks, 0, n);
    List<Integer> outer = new ArrayList<>();
    for (int i = n + 1; i < c.length; i++) outer.add(c[i]);
    return new Nest(instrs, blocks, partner, brTable, outer);
  }

  private static boolean isPlainBlock(Instr x) {
    return x.op() == Instr.BLOCK && x.blockType() == Instr.EMPTY_BLOCK;
  }
}
