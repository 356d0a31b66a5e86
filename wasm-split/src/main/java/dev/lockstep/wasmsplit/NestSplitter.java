package dev.lockstep.wasmsplit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a function whose bulk is one {@link Nest} (a large {@code switch}) into small functions,
 * so that each compiles to a JVM method of its own.
 *
 * <p>The case bodies move, in order, into chunk functions of about {@code chunkBytes} each. A
 * chunk takes all the function's locals as parameters plus a continuation code, rebuilds the
 * nest for its own bodies, and returns the code where execution goes on with all locals, which
 * it may have changed. Codes are label depths as seen from the nest's innermost block, so the
 * original {@code br_table} target of a case is its code:
 *
 * <ul>
 *   <li>{@code k < n-1}: run body k;
 *   <li>{@code n-1}: leave the nest;
 *   <li>{@code n+d}: branch to the label d levels outside the nest;
 *   <li>{@code n+outer}: return from the function, with the results passed along.
 * </ul>
 *
 * The nest in the original function becomes a loop that calls a dispatch function until the
 * code leaves the nest, then takes the branch the code names.
 */
final class NestSplitter {
  /** Entries per lookup function that maps a {@code br_table} index to its code. */
  static final int LOOKUP_ENTRIES = 512;

  private final Module module;
  private final int chunkBytes;

  NestSplitter(Module module, int chunkBytes) {
    this.module = module;
    this.chunkBytes = chunkBytes;
  }

  /** What one split did, for the build log. */
  record Result(int function, int caseBodies, int chunks, int largestChunkBytes, int remainingBytes) {}

  /** Splits the defined function at {@code index} (not counting imports), or returns null. */
  Result split(int index) {
    Function f = module.functions.get(index);
    List<Instr> instrs = Decoder.decode(f.code(), 0, f.code().length);
    Nest nest = Nest.find(instrs);
    if (nest == null) return null;
    Shape shape = new Shape(f, module.typeOf(f), nest);
    Instr table = instrs.get(nest.brTable);
    for (int target : table.targets()) shape.checkTarget(target);
    shape.checkTarget(table.depth());
    List<int[]> ranges = chunkRanges(nest);
    FuncType chunkType = shape.chunkType();
    int chunkTypeIndex = module.typeIndex(chunkType);
    int[] chunkFunctions = new int[ranges.size()];
    int largest = 0;
    for (int c = 0; c < ranges.size(); c++) {
      byte[] code = new ChunkWriter(shape, ranges.get(c)[0], ranges.get(c)[1]).write();
      largest = Math.max(largest, code.length);
      chunkFunctions[c] = module.add(new Function(chunkTypeIndex, shape.chunkLocals(), shape.m + 1, code));
    }
    int dispatch = module.add(new Function(chunkTypeIndex, chunkType.params(), shape.m + 1,
        dispatchCode(shape, ranges, chunkFunctions)));
    int lookup = addLookup(table.targets(), table.depth());
    byte[] code = outerCode(shape, lookup, dispatch);
    module.functions.set(index, new Function(f.typeIndex(), shape.outerLocals(), f.paramCount(), code));
    return new Result(module.importedFunctions + index, nest.size() - 1, ranges.size(), largest, code.length);
  }

  /** Consecutive case bodies, grouped up to about chunkBytes of code each. */
  private List<int[]> chunkRanges(Nest nest) {
    List<int[]> ranges = new ArrayList<>();
    int start = 0;
    int bytes = 0;
    for (int k = 0; k < nest.size() - 1; k++) {
      int b = nest.bodyBytes(k);
      if (k > start && bytes + b > chunkBytes) {
        ranges.add(new int[] {start, k - 1});
        start = k;
        bytes = 0;
      }
      bytes += b;
    }
    ranges.add(new int[] {start, nest.size() - 2});
    return ranges;
  }

  /** The function being split, and the layout of locals its pieces share. */
  static final class Shape {
    final Function f;
    final FuncType type;
    final Nest nest;
    /** Locals of the original function, parameters included. */
    final int m;
    /** Number of case bodies plus one: the code that leaves the nest. */
    final int n;
    /** The code that returns from the function. */
    final int returnCode;

    Shape(Function f, FuncType type, Nest nest) {
      this.f = f;
      this.type = type;
      this.nest = nest;
      this.m = f.localTypes().length;
      this.n = nest.size();
      this.returnCode = n + nest.outer.size();
    }

    int results() {
      return type.results().length;
    }

    /** Refuses a code that names a label outside the nest whose branches carry values. */
    void checkTarget(int code) {
      if (code >= n && code < returnCode
          && nest.instrs.get(nest.outer.get(code - n)).blockType() != Instr.EMPTY_BLOCK) {
        throw new WasmFormatException("a branch out of the switch carries values, which is not supported");
      }
    }

    /** (locals..., code) -> (code, results..., locals...). */
    FuncType chunkType() {
      byte[] params = new byte[m + 1];
      System.arraycopy(f.localTypes(), 0, params, 0, m);
      params[m] = FuncType.I32;
      byte[] results = new byte[1 + results() + m];
      results[0] = FuncType.I32;
      System.arraycopy(type.results(), 0, results, 1, results());
      System.arraycopy(f.localTypes(), 0, results, 1 + results(), m);
      return new FuncType(params, results);
    }

    /** Chunk locals: the parameters, then the results being returned, then a scratch i32. */
    byte[] chunkLocals() {
      byte[] p = chunkType().params();
      byte[] l = new byte[p.length + results() + 1];
      System.arraycopy(p, 0, l, 0, p.length);
      System.arraycopy(type.results(), 0, l, p.length, results());
      l[l.length - 1] = FuncType.I32;
      return l;
    }

    /** The original function's locals, then the code, then the results being returned. */
    byte[] outerLocals() {
      byte[] l = new byte[m + 1 + results()];
      System.arraycopy(f.localTypes(), 0, l, 0, m);
      l[m] = FuncType.I32;
      System.arraycopy(type.results(), 0, l, m + 1, results());
      return l;
    }

    int codeLocal() {
      return m;
    }

    int resultLocal(int r) {
      return m + 1 + r;
    }

    /** Pushes the locals and the code, as chunks take them. */
    void pushState(Code c) {
      for (int i = 0; i <= m; i++) c.get(i);
    }

    /** Pushes what a chunk returns: code, results, locals. */
    void pushResults(Code c) {
      c.get(codeLocal());
      for (int r = 0; r < results(); r++) c.get(resultLocal(r));
      for (int i = 0; i < m; i++) c.get(i);
    }

    /** Stores what a chunk returned, in reverse order. */
    void popResults(Code c) {
      for (int i = m - 1; i >= 0; i--) c.set(i);
      for (int r = results() - 1; r >= 0; r--) c.set(resultLocal(r));
      c.set(codeLocal());
    }
  }

  /** Writes one chunk: bodies s..t inside a copy of their part of the nest. */
  private static final class ChunkWriter {
    private final Shape shape;
    private final int s;
    private final int t;
    private final Code c = new Code();
    private final byte[] code;
    private final int scratch;

    ChunkWriter(Shape shape, int s, int t) {
      this.shape = shape;
      this.s = s;
      this.t = t;
      this.code = shape.f.code();
      this.scratch = shape.m + 1 + shape.results();
    }

    byte[] write() {
      c.block(); // the chunk's exit: the code says where to go on
      for (int k = t; k >= s; k--) c.block();
      int[] entries = new int[t - s + 1];
      for (int j = 0; j < entries.length; j++) entries[j] = j;
      c.get(shape.codeLocal()).i32(s).op(Op.I32_SUB).brTable(entries, t - s).end();
      for (int k = s; k <= t; k++) {
        body(k);
        if (k < t) c.end();
      }
      c.i32(t + 1).set(shape.codeLocal()).end(); // fell through to the next chunk's first body
      shape.pushResults(c);
      return c.end().toArray();
    }

    /** Copies body k, turning branches that leave the chunk into codes. */
    private void body(int k) {
      Nest nest = shape.nest;
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
            int target = codeOf(k, level, x.depth());
            if (target < 0 || target <= t) c.copy(code, x);
            else leave(target, x.op() == Instr.BR_IF, level + (t - k));
          }
          case Instr.BR_TABLE -> brTable(k, level, x);
          case Instr.RETURN -> leave(shape.returnCode, false, level + (t - k));
          case Instr.RETURN_CALL, Instr.RETURN_CALL_INDIRECT -> throw new WasmFormatException(
              "tail calls inside a switch are not supported");
          default -> c.copy(code, x);
        }
      }
    }

    /** The code a branch from body k names, or -1 when it stays inside the body. */
    private int codeOf(int k, int level, int depth) {
      return depth < level ? -1 : k + 1 + (depth - level);
    }

    /** Sets the code and branches to the chunk's exit, {@code exitDepth} levels up. */
    private void leave(int target, boolean conditional, int exitDepth) {
      shape.checkTarget(target);
      if (target == shape.returnCode && shape.results() > 0) {
        if (conditional) throw new WasmFormatException("a conditional return with values is not supported");
        for (int r = shape.results() - 1; r >= 0; r--) c.set(shape.resultLocal(r));
      }
      if (conditional) {
        c.ifThen().i32(target).set(shape.codeLocal()).br(exitDepth + 1).end();
      } else {
        c.i32(target).set(shape.codeLocal()).br(exitDepth);
      }
    }

    /**
     * A br_table with targets outside the chunk: each such target gets a trampoline block that
     * sets its code and leaves.
     */
    private void brTable(int k, int level, Instr x) {
      int[] all = new int[x.targets().length + 1];
      System.arraycopy(x.targets(), 0, all, 0, x.targets().length);
      all[all.length - 1] = x.depth();
      Map<Integer, Integer> trampolines = new LinkedHashMap<>();
      for (int depth : all) {
        int target = codeOf(k, level, depth);
        if (target > t) {
          shape.checkTarget(target);
          trampolines.putIfAbsent(target, trampolines.size());
        }
      }
      if (trampolines.isEmpty()) {
        c.copy(code, x);
        return;
      }
      if (trampolines.containsKey(shape.returnCode) && shape.results() > 0) {
        throw new WasmFormatException("a br_table that returns values is not supported");
      }
      int u = trampolines.size();
      int[] mapped = new int[all.length];
      for (int i = 0; i < all.length; i++) {
        int target = codeOf(k, level, all[i]);
        mapped[i] = target > t ? trampolines.get(target) : all[i] + u;
      }
      c.set(scratch);
      for (int i = 0; i < u; i++) c.block();
      c.get(scratch).brTable(java.util.Arrays.copyOf(mapped, mapped.length - 1), mapped[mapped.length - 1]);
      int i = 0;
      for (int target : trampolines.keySet()) {
        c.end().i32(target).set(shape.codeLocal()).br((u - 1 - i) + level + (t - k));
        i++;
      }
    }
  }

  /** A binary search over the chunks' first bodies that calls the chunk holding the code. */
  private static byte[] dispatchCode(Shape shape, List<int[]> ranges, int[] chunks) {
    Code c = new Code();
    dispatchTree(c, shape, ranges, chunks, 0, ranges.size() - 1);
    return c.op(Op.UNREACHABLE).end().toArray();
  }

  private static void dispatchTree(Code c, Shape shape, List<int[]> ranges, int[] chunks, int lo, int hi) {
    if (lo == hi) {
      shape.pushState(c);
      c.call(chunks[lo]).op(Op.RETURN);
      return;
    }
    int mid = (lo + hi + 1) / 2;
    c.get(shape.codeLocal()).i32(ranges.get(mid)[0]).op(Op.I32_LT_U).ifThen();
    dispatchTree(c, shape, ranges, chunks, lo, mid - 1);
    c.op(Op.ELSE);
    dispatchTree(c, shape, ranges, chunks, mid, hi);
    c.end();
  }

  /** The original function with its nest replaced by the dispatch loop. */
  private byte[] outerCode(Shape shape, int lookup, int dispatch) {
    Nest nest = shape.nest;
    byte[] code = shape.f.code();
    List<Instr> instrs = nest.instrs;
    Code c = new Code();
    c.copy(code, 0, instrs.get(nest.first()).start());
    c.copy(code, instrs.get(nest.blocks[0]).end(), instrs.get(nest.brTable).start()); // the switch index
    c.call(lookup).set(shape.codeLocal());
    int n = shape.n;
    int outer = nest.outer.size();
    c.block().loop();
    c.get(shape.codeLocal()).i32(n - 1).op(Op.I32_GE_U).ifThen();
    {
      // Inside: 0 = the return path, 1 = if, 2 = loop, 3 = after the nest, 4 + d = outer label d.
      c.block();
      int[] exits = new int[outer + 2];
      exits[0] = 3;
      for (int d = 0; d < outer; d++) {
        boolean plain = instrs.get(nest.outer.get(d)).blockType() == Instr.EMPTY_BLOCK;
        exits[1 + d] = plain ? 4 + d : 0; // no code names a label that carries values
      }
      exits[outer + 1] = 0;
      c.get(shape.codeLocal()).i32(n - 1).op(Op.I32_SUB).brTable(exits, 0).end();
      for (int r = 0; r < shape.results(); r++) c.get(shape.resultLocal(r));
      c.op(Op.RETURN);
    }
    c.end();
    shape.pushState(c);
    c.call(dispatch);
    shape.popResults(c);
    c.br(0).end().end();
    c.copy(code, instrs.get(nest.last()).end(), code.length);
    return c.toArray();
  }

  /** Adds functions that map a br_table index to its target depth; returns the entry point. */
  private int addLookup(int[] targets, int fallback) {
    int type = module.typeIndex(new FuncType(new byte[] {FuncType.I32}, new byte[] {FuncType.I32}));
    if (targets.length <= LOOKUP_ENTRIES) {
      return module.add(new Function(type, new byte[] {FuncType.I32}, 1, lookupTable(targets, fallback)));
    }
    Code c = new Code();
    c.get(0).i32(targets.length).op(Op.I32_GE_U).ifThen().i32(fallback).op(Op.RETURN).end();
    for (int base = 0; base < targets.length; base += LOOKUP_ENTRIES) {
      int[] part = java.util.Arrays.copyOfRange(targets, base, Math.min(targets.length, base + LOOKUP_ENTRIES));
      int fn = module.add(new Function(type, new byte[] {FuncType.I32}, 1, lookupTable(part, fallback)));
      int limit = base + part.length;
      c.get(0).i32(limit).op(Op.I32_LT_U).ifThen().get(0).i32(base).op(Op.I32_SUB).call(fn).op(Op.RETURN).end();
    }
    return module.add(new Function(type, new byte[] {FuncType.I32}, 1, c.op(Op.UNREACHABLE).end().toArray()));
  }

  /** {@code (i32) -> i32}: a br_table to one block per distinct value, each returning it. */
  private static byte[] lookupTable(int[] targets, int fallback) {
    List<Integer> values = new ArrayList<>();
    Map<Integer, Integer> slot = new LinkedHashMap<>();
    int[] mapped = new int[targets.length];
    for (int i = 0; i < targets.length; i++) mapped[i] = slotOf(slot, values, targets[i]);
    int fallbackSlot = slotOf(slot, values, fallback);
    Code c = new Code();
    for (int i = 0; i < values.size(); i++) c.block();
    c.get(0).brTable(mapped, fallbackSlot);
    for (int value : values) c.end().i32(value).op(Op.RETURN);
    return c.op(Op.UNREACHABLE).end().toArray();
  }

  private static int slotOf(Map<Integer, Integer> slot, List<Integer> values, int value) {
    return slot.computeIfAbsent(value, v -> {
      values.add(v);
      return values.size() - 1;
    });
  }
}
