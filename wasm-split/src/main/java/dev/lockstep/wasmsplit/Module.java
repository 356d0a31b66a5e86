package dev.lockstep.wasmsplit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A wasm module read far enough to replace and add functions: types, the function and code
 * sections are decoded; every other section is kept byte for byte. New functions and types are
 * appended, so no existing index changes.
 */
final class Module {
  private static final byte[] HEADER = {0, 'a', 's', 'm', 1, 0, 0, 0};

  private record Section(int id, byte[] payload) {}

  private final List<Section> sections = new ArrayList<>();
  final List<FuncType> types = new ArrayList<>();
  final List<Function> functions = new ArrayList<>();
  int importedFunctions;

  static Module read(byte[] wasm) {
    if (wasm.length < 8 || !Arrays.equals(Arrays.copyOf(wasm, 8), HEADER)) {
      throw new WasmFormatException("not a wasm module (version 1)");
    }
    Module m = new Module();
    Reader r = new Reader(wasm, 8);
    List<Integer> functionTypes = new ArrayList<>();
    while (r.more(wasm.length)) {
      int id = r.u8();
      int size = r.u32i();
      int start = r.pos;
      int end = start + size;
      switch (id) {
        case 1 -> m.readTypes(new Reader(wasm, start));
        case 2 -> m.importedFunctions = countFunctionImports(new Reader(wasm, start));
        case 3 -> {
          Reader fr = new Reader(wasm, start);
          int n = fr.u32i();
          for (int i = 0; i < n; i++) functionTypes.add(fr.u32i());
        }
        case 10 -> m.readCode(new Reader(wasm, start), functionTypes);
        default -> { }
      }
      m.sections.add(new Section(id, Arrays.copyOfRange(wasm, start, end)));
      r.pos = end;
    }
    return m;
  }

  private void readTypes(Reader r) {
    int n = r.u32i();
    for (int i = 0; i < n; i++) {
      if (r.u8() != 0x60) throw new WasmFormatException("only function types are supported");
      types.add(new FuncType(valueTypes(r), valueTypes(r)));
    }
  }

  private static byte[] valueTypes(Reader r) {
    byte[] t = new byte[r.u32i()];
    for (int i = 0; i < t.length; i++) t[i] = (byte) r.u8();
    return t;
  }

  private static int countFunctionImports(Reader r) {
    int n = r.u32i();
    int functions = 0;
    for (int i = 0; i < n; i++) {
      r.skip(r.u32i()); // module name
      r.skip(r.u32i()); // field name
      int kind = r.u8();
      switch (kind) {
        case 0 -> { r.u32(); functions++; }
        case 1 -> { r.u8(); limits(r); }
        case 2 -> limits(r);
        case 3 -> { r.u8(); r.u8(); }
        default -> throw new WasmFormatException("unknown import kind " + kind);
      }
    }
    return functions;
  }

  private static void limits(Reader r) {
    int flags = r.u8();
    r.u32();
    if ((flags & 1) != 0) r.u32();
  }

  private void readCode(Reader r, List<Integer> functionTypes) {
    int n = r.u32i();
    if (n != functionTypes.size()) throw new WasmFormatException("function and code sections disagree");
    for (int i = 0; i < n; i++) {
      int size = r.u32i();
      int end = r.pos + size;
      FuncType type = types.get(functionTypes.get(i));
      Bytes locals = new Bytes().raw(type.params());
      int runs = r.u32i();
      for (int k = 0; k < runs; k++) {
        long count = r.u32();
        int t = r.u8();
        for (long c = 0; c < count; c++) locals.u8(t);
      }
      byte[] code = Arrays.copyOfRange(r.bytes(), r.pos, end);
      functions.add(new Function(functionTypes.get(i), locals.toArray(), type.params().length, code));
      r.pos = end;
    }
  }

  FuncType typeOf(Function f) {
    return types.get(f.typeIndex());
  }

  /** The type index for a signature, adding it when the module has none like it. */
  int typeIndex(FuncType type) {
    int i = types.indexOf(type);
    if (i >= 0) return i;
    types.add(type);
    return types.size() - 1;
  }

  /** Adds a function and returns its index in the function index space. */
  int add(Function f) {
    functions.add(f);
    return importedFunctions + functions.size() - 1;
  }

  /**
   * Takes the active data segments out of the module, leaving it an empty data section, and
   * returns them as one image of memory: a runtime then copies the image in one piece instead of
   * decoding thousands of segments at every start. Gaps between segments are zeros in the image,
   * as they are in a fresh memory.
   */
  MemoryImage moveDataOut() {
    MemoryImage image = MemoryImage.NONE;
    for (int i = 0; i < sections.size(); i++) {
      Section s = sections.get(i);
      if (s.id() == 11) {
        image = memoryImage(s.payload());
        sections.set(i, new Section(11, new byte[] {0}));
      } else if (s.id() == 12) {
        sections.set(i, new Section(12, new byte[] {0})); // the data count, which must agree
      }
    }
    return image;
  }

  /** Where an image of memory starts, and its bytes. */
  record MemoryImage(int offset, byte[] bytes) {
    static final MemoryImage NONE = new MemoryImage(0, new byte[0]);
  }

  private static MemoryImage memoryImage(byte[] dataSection) {
    Reader r = new Reader(dataSection, 0);
    int n = r.u32i();
    int[] offsets = new int[n];
    byte[][] data = new byte[n][];
    long low = Long.MAX_VALUE;
    long high = 0;
    for (int i = 0; i < n; i++) {
      int mode = r.u8();
      if (mode != 0 || r.u8() != 0x41) {
        throw new WasmFormatException("data segment " + i + " is not active at a constant offset in memory 0");
      }
      offsets[i] = (int) r.s64();
      if (r.u8() != 0x0b || offsets[i] < 0) throw new WasmFormatException("data segment " + i + " has an unsupported offset");
      int length = r.u32i();
      data[i] = Arrays.copyOfRange(r.bytes(), r.pos, r.pos + length);
      r.skip(length);
      low = Math.min(low, offsets[i]);
      high = Math.max(high, (long) offsets[i] + length);
    }
    if (n == 0) return MemoryImage.NONE;
    byte[] image = new byte[Math.toIntExact(high - low)];
    // Later segments overwrite earlier ones where they overlap, as instantiation does.
    for (int i = 0; i < n; i++) System.arraycopy(data[i], 0, image, (int) (offsets[i] - low), data[i].length);
    return new MemoryImage((int) low, image);
  }

  byte[] encode() {
    Bytes out = new Bytes().raw(HEADER);
    for (Section s : sections) {
      byte[] payload = switch (s.id()) {
        case 1 -> encodeTypes();
        case 3 -> encodeFunctionSection();
        case 10 -> encodeCode();
        default -> s.payload();
      };
      out.u8(s.id()).sized(payload);
    }
    return out.toArray();
  }

  private byte[] encodeTypes() {
    Bytes b = new Bytes().u32(types.size());
    types.forEach(t -> t.writeTo(b));
    return b.toArray();
  }

  private byte[] encodeFunctionSection() {
    Bytes b = new Bytes().u32(functions.size());
    functions.forEach(f -> b.u32(f.typeIndex()));
    return b.toArray();
  }

  private byte[] encodeCode() {
    Bytes b = new Bytes().u32(functions.size());
    functions.forEach(f -> b.sized(f.encodeBody()));
    return b.toArray();
  }
}
