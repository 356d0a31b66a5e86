package dev.lockstep.wasmsplit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Splits a function whose bulk is one {@link Nest} (a large {@code switch}) into small functions,
 * so that each compiles to a JVM method of its own.
 *
 * <p>The case bodies move, in order, into chunk functions of about {@code chunkBytes} each (see
 * {@link Layout} for how locals travel). A chunk rebuilds the nest for its own bodies and
 * returns the {@link Codes continuation code} where execution goes on.
 *
 * The nest in the original function becomes a loop that calls a dispatch function until the
 * code leaves the nest, then takes the branch the code names.
 */
final class NestSplitter {
  /** Entries per lookup function that maps a {@code br_table} index to its code. */
  static final int LOOKUP_ENTRIES = 512;
  /** Calls per dispatch function. */
  static final int DISPATCH_FANOUT = 8;

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
    int nestBytes = nest == null ? 0 : instrs.get(nest.last()).end() - instrs.get(nest.first()).start();
    if (nestBytes < f.code().length / 2) return null; // splitting a small switch saves nothing
    Codes codes = new Codes(nest);
    Layout layout = layoutFor(f, codes);
    if (!layout.fits()) throw new WasmFormatException("too many locals to pass to the pieces");
    Instr table = instrs.get(nest.brTable);
    for (int target : table.targets()) codes.check(target);
    codes.check(table.depth());
    List<int[]> ranges = chunkRanges(nest);
    List<byte[]> chunkCode = new ArrayList<>();
    for (int[] range : ranges) chunkCode.add(chunk(layout, codes, range[0], range[1])); // may refuse
    int pieceType = module.typeIndex(layout.pieceType());
    List<Integer> chunks = new ArrayList<>();
    List<Integer> firstBodies = new ArrayList<>();
    int largest = 0;
    for (int c = 0; c < ranges.size(); c++) {
      largest = Math.max(largest, chunkCode.get(c).length);
      chunks.add(module.add(new Function(pieceType, layout.pieceLocals(), layout.pieceParams(), chunkCode.get(c))));
      firstBodies.add(ranges.get(c)[0]);
    }
    int dispatch = addDispatch(layout, pieceType, firstBodies, chunks);
    int lookup = addLookup(table.targets(), table.depth());
    byte[] code = callerCode(layout, codes, lookup, dispatch);
    module.functions.set(index, new Function(f.typeIndex(), layout.callerLocals(), f.paramCount(), code));
    return new Result(module.importedFunctions + index, nest.size() - 1, ranges.size(), largest, code.length);
  }

  /** Pieces take the locals the case bodies use and return those they write. */
  private Layout layoutFor(Function f, Codes codes) {
    Nest nest = codes.nest;
    TreeSet<Integer> used = new TreeSet<>();
    TreeSet<Integer> written = new TreeSet<>();
    for (int i = nest.bodyStart(0); i < nest.bodyEnd(nest.size() - 2); i++) {
      Instr x = nest.instrs.get(i);
      if (x.op() == Instr.LOCAL_GET || x.op() == Instr.LOCAL_SET || x.op() == Instr.LOCAL_TEE) {
        used.add(x.index());
        if (x.op() != Instr.LOCAL_GET) written.add(x.index());
      }
    }
    return new Layout(f, module.typeOf(f), toArray(used), toArray(written), codes.carriedTypes());
  }

  private static int[] toArray(Set<Integer> set) {
    return set.stream().mapToInt(Integer::intValue).toArray();
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

  /** A chunk: bodies s..t inside a copy of their part of the nest, then its exit. */
  private static byte[] chunk(Layout layout, Codes codes, int s, int t) {
    Code c = new Code();
    c.block(); // the chunk's exit: the code says where to go on
    for (int k = t; k >= s; k--) c.block();
    int[] entries = new int[t - s + 1];
    for (int j = 0; j < entries.length; j++) entries[j] = j;
    c.get(layout.pieceCode()).i32(s).op(Op.I32_SUB).brTable(entries, t - s).end();
    BranchRewriter rewriter = new BranchRewriter(layout, codes, c);
    for (int k = s; k <= t; k++) {
      rewriter.copyBody(k, t);
      if (k < t) c.end();
    }
    c.i32(t + 1).set(layout.pieceCode()).end(); // fell through to the next chunk's first body
    layout.pushResults(c);
    return c.end().toArray();
  }

  /**
   * Adds the dispatch function: a binary search over the chunks' first bodies that calls the
   * chunk holding the code. Each dispatch function calls at most {@link #DISPATCH_FANOUT} others,
   * so that each stays small enough for the JIT; larger trees get levels of their own.
   */
  private int addDispatch(Layout layout, int pieceType, List<Integer> firstBodies, List<Integer> callees) {
    while (callees.size() > DISPATCH_FANOUT) {
      List<Integer> groupFirsts = new ArrayList<>();
      List<Integer> groups = new ArrayList<>();
      for (int from = 0; from < callees.size(); from += DISPATCH_FANOUT) {
        int to = Math.min(callees.size(), from + DISPATCH_FANOUT);
        groupFirsts.add(firstBodies.get(from));
        groups.add(addDispatchFunction(layout, pieceType, firstBodies.subList(from, to), callees.subList(from, to)));
      }
      firstBodies = groupFirsts;
      callees = groups;
    }
    return addDispatchFunction(layout, pieceType, firstBodies, callees);
  }

  private int addDispatchFunction(Layout layout, int pieceType, List<Integer> firstBodies, List<Integer> callees) {
    Code c = new Code();
    dispatchTree(c, layout, firstBodies, callees, 0, callees.size() - 1);
    byte[] code = c.op(Op.UNREACHABLE).end().toArray();
    return module.add(new Function(pieceType, layout.pieceType().params(), layout.pieceParams(), code));
  }

  private static void dispatchTree(Code c, Layout layout, List<Integer> firstBodies, List<Integer> callees,
      int lo, int hi) {
    if (lo == hi) {
      layout.forwardParams(c);
      c.call(callees.get(lo)).op(Op.RETURN);
      return;
    }
    int mid = (lo + hi + 1) / 2;
    c.get(layout.pieceCode()).i32(firstBodies.get(mid)).op(Op.I32_LT_U).ifThen();
    dispatchTree(c, layout, firstBodies, callees, lo, mid - 1);
    c.op(Op.ELSE);
    dispatchTree(c, layout, firstBodies, callees, mid, hi);
    c.end();
  }

  /** The original function with its nest replaced by the dispatch loop. */
  private static byte[] callerCode(Layout layout, Codes codes, int lookup, int dispatch) {
    byte[] code = layout.f.code();
    Nest nest = codes.nest;
    List<Instr> instrs = nest.instrs;
    Code c = new Code();
    c.copy(code, 0, instrs.get(nest.first()).start());
    c.copy(code, instrs.get(nest.blocks[0]).end(), instrs.get(nest.brTable).start()); // the switch index
    c.call(lookup).set(layout.callerCode());
    int n = codes.n;
    int outer = nest.outer.size();
    c.block().loop();
    c.get(layout.callerCode()).i32(n - 1).op(Op.I32_GE_U).ifThen();
    // Labels that carry a value get a trampoline block that pushes it. Inside the innermost one:
    // 0..k-1 = trampolines, k = the return path, k+1 = if, k+2 = loop, k+3 = after the nest,
    // k+4+d = outer label d.
    List<Integer> carrying = new ArrayList<>();
    for (int d = 0; d < outer; d++) if (codes.carried(n + d) > 0) carrying.add(d);
    int k = carrying.size();
    c.block();
    for (int j = 0; j < k; j++) c.block();
    int[] exits = new int[outer + 2];
    exits[0] = k + 3;
    for (int d = 0; d < outer; d++) {
      int value = codes.carried(n + d);
      exits[1 + d] = value == 0 ? k + 4 + d : value > 0 ? carrying.indexOf(d) : k; // no code names the last
    }
    exits[outer + 1] = k;
    c.get(layout.callerCode()).i32(n - 1).op(Op.I32_SUB).brTable(exits, k).end();
    for (int j = 0; j < k; j++) {
      int d = carrying.get(j);
      int slot = layout.callerCarry(layout.carrySlot(codes.carried(n + d)));
      c.get(slot).br((k - 1 - j) + 4 + d);
      c.end();
    }
    layout.returnResults(c);
    c.end();
    layout.pushState(c);
    c.call(dispatch);
    layout.popResults(c);
    c.br(0).end().end();
    c.copy(code, instrs.get(nest.last()).end(), code.length);
    return c.toArray();
  }

  /** Adds functions that map a br_table index to its target depth; returns the entry point. */
  private int addLookup(int[] targets, int fallback) {
    int type = module.typeIndex(new FuncType(new byte[] {FuncType.I32}, new byte[] {FuncType.I32}));
    byte[] local = {FuncType.I32};
    if (targets.length <= LOOKUP_ENTRIES) {
      return module.add(new Function(type, local, 1, lookupTable(targets, fallback)));
    }
    Code c = new Code();
    c.get(0).i32(targets.length).op(Op.I32_GE_U).ifThen().i32(fallback).op(Op.RETURN).end();
    for (int base = 0; base < targets.length; base += LOOKUP_ENTRIES) {
      int[] part = Arrays.copyOfRange(targets, base, Math.min(targets.length, base + LOOKUP_ENTRIES));
      int fn = module.add(new Function(type, local, 1, lookupTable(part, fallback)));
      c.get(0).i32(base + part.length).op(Op.I32_LT_U).ifThen()
          .get(0).i32(base).op(Op.I32_SUB).call(fn).op(Op.RETURN).end();
    }
    return module.add(new Function(type, local, 1, c.op(Op.UNREACHABLE).end().toArray()));
  }

  /** {@code (i32) -> i32}: a br_table to one block per distinct value, each returning it. */
  private static byte[] lookupTable(int[] targets, int fallback) {
    Map<Integer, Integer> slot = new LinkedHashMap<>(); // value -> its block, in order of first use
    int[] mapped = new int[targets.length];
    for (int i = 0; i < targets.length; i++) mapped[i] = slot.computeIfAbsent(targets[i], v -> slot.size());
    int fallbackSlot = slot.computeIfAbsent(fallback, v -> slot.size());
    Code c = new Code();
    for (int i = 0; i < slot.size(); i++) c.block();
    c.get(0).brTable(mapped, fallbackSlot);
    for (int value : slot.keySet()) c.end().i32(value).op(Op.RETURN);
    return c.op(Op.UNREACHABLE).end().toArray();
  }
}
