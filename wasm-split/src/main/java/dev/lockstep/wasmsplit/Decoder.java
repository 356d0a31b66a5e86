package dev.lockstep.wasmsplit;

import java.util.ArrayList;
import java.util.List;

/** Decodes a function body's instructions (the wasm 2.0 instruction set without SIMD). */
final class Decoder {
  private Decoder() {}

  static List<Instr> decode(byte[] code, int from, int to) {
    List<Instr> out = new ArrayList<>();
    Reader r = new Reader(code, from);
    while (r.more(to)) {
      out.add(next(r));
    }
    if (r.pos != to) throw new WasmFormatException("instruction runs past the end of its function");
    return out;
  }

  private static Instr next(Reader r) {
    int start = r.pos;
    int op = r.u8();
    long blockType = 0;
    int depth = -1;
    int[] targets = null;
    int index = -1;
    switch (op) {
      case 0x02, 0x03, 0x04 -> blockType = r.s64();
      case 0x0c, 0x0d -> depth = r.u32i();
      case 0x0e -> {
        int n = r.u32i();
        targets = new int[n];
        for (int i = 0; i < n; i++) targets[i] = r.u32i();
        depth = r.u32i(); // the default target
      }
      case 0x10, 0x12, 0x20, 0x21, 0x22 -> index = r.u32i();
      case 0x11, 0x13 -> { r.u32(); r.u32(); }
      case 0x1c -> { int n = r.u32i(); for (int i = 0; i < n; i++) r.u8(); }
      case 0x23, 0x24, 0x25, 0x26, 0xd2 -> r.u32();
      case 0x3f, 0x40, 0xd0 -> r.u8();
      case 0x41, 0x42 -> r.s64();
      case 0x43 -> r.skip(4);
      case 0x44 -> r.skip(8);
      case 0xfc -> prefixed(r);
      case 0xfd, 0xfe -> throw new WasmFormatException(
          "SIMD and thread instructions are not supported (opcode 0x" + Integer.toHexString(op) + ")");
      default -> {
        if (op >= 0x28 && op <= 0x3e) {
          r.u32();
          r.u32();
        } else if (!(op <= 0x01 || op == 0x05 || op == 0x0b || op == 0x0f || op == 0x1a || op == 0x1b
            || (op >= 0x45 && op <= 0xc4) || op == 0xd1)) {
          throw new WasmFormatException("unknown opcode 0x" + Integer.toHexString(op) + " at byte " + start);
        }
      }
    }
    return new Instr(op, start, r.pos, blockType, depth, targets, index);
  }

  private static void prefixed(Reader r) {
    int sub = r.u32i();
    switch (sub) {
      case 0, 1, 2, 3, 4, 5, 6, 7 -> { }
      case 8 -> { r.u32(); r.u8(); }
      case 9, 13, 15, 16, 17 -> r.u32();
      case 10 -> { r.u8(); r.u8(); }
      case 11 -> r.u8();
      case 12, 14 -> { r.u32(); r.u32(); }
      default -> throw new WasmFormatException("unknown instruction 0xfc " + sub);
    }
  }
}
