package dev.lockstep.wasmsplit;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes small wasm modules by hand for the tests: one imported function {@code env.mix(i32) ->
 * i32}, one mutable i32 global exported as {@code counter}, and the functions added, each exported
 * under its name.
 */
final class TestModule {
  private final List<FuncType> types = new ArrayList<>();
  private final List<Function> functions = new ArrayList<>();
  private final List<String> names = new ArrayList<>();

  /** Index of the imported function in the function index space. */
  static final int MIX = 0;

  TestModule() {
    types.add(new FuncType(new byte[] {FuncType.I32}, new byte[] {FuncType.I32}));
  }

  TestModule function(String name, byte[] params, byte[] results, byte[] locals, Asm code) {
    FuncType type = new FuncType(params, results);
    int t = types.indexOf(type);
    if (t < 0) {
      types.add(type);
      t = types.size() - 1;
    }
    byte[] all = new byte[params.length + locals.length];
    System.arraycopy(params, 0, all, 0, params.length);
    System.arraycopy(locals, 0, all, params.length, locals.length);
    functions.add(new Function(t, all, params.length, code.end().bytes()));
    names.add(name);
    return this;
  }

  byte[] bytes() {
    Bytes out = new Bytes().raw(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    Bytes typeSection = new Bytes().u32(types.size());
    types.forEach(t -> t.writeTo(typeSection));
    out.u8(1).sized(typeSection.toArray());
    Bytes imports = new Bytes().u32(1).sized("env".getBytes()).sized("mix".getBytes()).u8(0).u32(0);
    out.u8(2).sized(imports.toArray());
    Bytes fs = new Bytes().u32(functions.size());
    functions.forEach(f -> fs.u32(f.typeIndex()));
    out.u8(3).sized(fs.toArray());
    out.u8(6).sized(new Bytes().u32(1).u8(FuncType.I32).u8(1).u8(0x41).s64(0).u8(0x0b).toArray());
    Bytes exports = new Bytes().u32(functions.size() + 1);
    for (int i = 0; i < functions.size(); i++) exports.sized(names.get(i).getBytes()).u8(0).u32(1 + i);
    exports.sized("counter".getBytes()).u8(3).u32(0);
    out.u8(7).sized(exports.toArray());
    Bytes code = new Bytes().u32(functions.size());
    functions.forEach(f -> code.sized(f.encodeBody()));
    out.u8(10).sized(code.toArray());
    return out.toArray();
  }

  /** Instruction writer with the opcodes the test functions use. */
  static final class Asm {
    private final Bytes b = new Bytes();

    Asm op(int... opcodes) {
      for (int o : opcodes) b.u8(o);
      return this;
    }

    Asm block() { return op(0x02, 0x40); }
    Asm loop() { return op(0x03, 0x40); }
    Asm ifThen() { return op(0x04, 0x40); }
    Asm end() { return op(0x0b); }
    Asm br(int d) { op(0x0c); b.u32(d); return this; }
    Asm brIf(int d) { op(0x0d); b.u32(d); return this; }
    Asm ret() { return op(0x0f); }
    Asm call(int f) { op(0x10); b.u32(f); return this; }
    Asm get(int l) { op(0x20); b.u32(l); return this; }
    Asm set(int l) { op(0x21); b.u32(l); return this; }
    Asm tee(int l) { op(0x22); b.u32(l); return this; }
    Asm globalGet() { return op(0x23, 0); }
    Asm globalSet() { return op(0x24, 0); }
    Asm i32(int v) { op(0x41); b.s64(v); return this; }
    Asm i64(long v) { op(0x42); b.s64(v); return this; }

    Asm f64(double v) {
      op(0x44);
      long bits = Double.doubleToRawLongBits(v);
      for (int i = 0; i < 8; i++) b.u8((int) (bits >>> (8 * i)) & 0xff);
      return this;
    }

    Asm brTable(int fallback, int... targets) {
      op(0x0e);
      b.u32(targets.length);
      for (int t : targets) b.u32(t);
      b.u32(fallback);
      return this;
    }

    byte[] bytes() {
      return b.toArray();
    }
  }

  static final int I32_ADD = 0x6a;
  static final int I32_SUB = 0x6b;
  static final int I32_MUL = 0x6c;
  static final int I32_AND = 0x71;
  static final int I32_EQ = 0x46;
  static final int I32_LT_S = 0x48;
  static final int I32_GT_S = 0x4a;
  static final int I64_ADD = 0x7c;
  static final int I64_MUL = 0x7e;
  static final int I64_EXTEND_I32_S = 0xac;
  static final int F64_ADD = 0xa0;
  static final int I32_TRUNC_F64_S = 0xaa;
}
