package dev.lockstep.wasmsplit;

import java.util.Arrays;

/** A function signature; value types are their one-byte encodings (0x7f is i32). */
record FuncType(byte[] params, byte[] results) {
  static final byte I32 = 0x7f;

  void writeTo(Bytes out) {
    out.u8(0x60).u32(params.length).raw(params).u32(results.length).raw(results);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FuncType t && Arrays.equals(params, t.params) && Arrays.equals(results, t.results);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(params) + Arrays.hashCode(results);
  }
}
