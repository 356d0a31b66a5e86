package dev.lockstep.parse.wasm;

import com.dylibso.chicory.runtime.Memory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * libpg_query's initial data, moved out of the module at build time (wasm-split's
 * {@code --data-out}) into one image of memory: copying it in one piece at start is much faster
 * than decoding the module's 2,691 data segments, and it leaves a module of a few KiB to parse.
 */
record MemoryImage(int offset, byte[] bytes) {
  static final MemoryImage NONE = new MemoryImage(0, new byte[0]);
  private static final String RESOURCE = "memory-image.bin";

  /** The image shipped with the compiled module. */
  static MemoryImage shipped() {
    try (InputStream in = MemoryImage.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the build");
      ByteBuffer file = ByteBuffer.wrap(in.readAllBytes());
      int offset = file.getInt();
      byte[] bytes = new byte[file.remaining()];
      file.get(bytes);
      return new MemoryImage(offset, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void writeTo(Memory memory) {
    memory.write(offset, bytes);
  }
}
