package dev.lockstep.wasmsplit;

import java.io.ByteArrayOutputStream;

/** A growable byte buffer with the wasm binary encodings this tool writes. */
final class Bytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  Bytes u8(int b) {
    out.write(b);
    return this;
  }

  Bytes raw(byte[] b) {
    out.write(b, 0, b.length);
    return this;
  }

  Bytes raw(byte[] b, int from, int to) {
    out.write(b, from, to - from);
    return this;
  }

  /** Unsigned LEB128. */
  Bytes u32(long v) {
    do {
      int b = (int) (v & 0x7f);
      v >>>= 7;
      out.write(v != 0 ? b | 0x80 : b);
    } while (v != 0);
    return this;
  }

  /** Signed LEB128. */
  Bytes s64(long v) {
    while (true) {
      int b = (int) (v & 0x7f);
      v >>= 7;
      boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
      out.write(done ? b : b | 0x80);
      if (done) return this;
    }
  }

  /** A length-prefixed byte vector, as sections and function bodies are written. */
  Bytes sized(byte[] content) {
    return u32(content.length).raw(content);
  }


  byte[] toArray() {
    return out.toByteArray();
  }
}
