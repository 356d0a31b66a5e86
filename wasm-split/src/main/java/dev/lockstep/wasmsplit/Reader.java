package dev.lockstep.wasmsplit;

/** Reads the wasm binary encodings from a byte array, keeping a cursor. */
final class Reader {
  private final byte[] bytes;
  int pos;

  Reader(byte[] bytes, int pos) {
    this.bytes = bytes;
    this.pos = pos;
  }

  boolean more(int end) {
    return pos < end;
  }

  int u8() {
    if (pos >= bytes.length) throw new WasmFormatException("unexpected end of module at byte " + pos);
    return bytes[pos++] & 0xff;
  }

  long u32() {
    long result = 0;
    int shift = 0;
    while (true) {
      int b = u8();
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) return result;
      shift += 7;
      if (shift > 35) throw new WasmFormatException("LEB128 too long at byte " + pos);
    }
  }

  int u32i() {
    return Math.toIntExact(u32());
  }

  long s64() {
    long result = 0;
    int shift = 0;
    int b;
    do {
      b = u8();
      result |= (long) (b & 0x7f) << shift;
      shift += 7;
    } while ((b & 0x80) != 0 && shift < 70);
    if (shift < 64 && (b & 0x40) != 0) result |= -1L << shift;
    return result;
  }

  void skip(int n) {
    pos += n;
  }

  byte[] bytes() {
    return bytes;
  }
}
