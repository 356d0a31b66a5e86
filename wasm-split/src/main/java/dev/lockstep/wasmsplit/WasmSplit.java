package dev.lockstep.wasmsplit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Build step: rewrites a wasm module so that the functions built around one large switch
 * (PostgreSQL's grammar actions, its JSON writer, its fingerprint walker...) split into pieces that
 * each compile to a JVM method of their own (see {@link NestSplitter}).
 *
 * <p>Usage: {@code WasmSplit IN OUT [--min-bytes N] [--chunk-bytes N] [--data-out FILE]}. With
 * {@code --data-out}, the module's data segments move to FILE as one image of memory (a 4-byte
 * big-endian offset, then the bytes), and the module keeps none.
 */
public final class WasmSplit {
  /** Functions whose code is at least this many bytes have their switch split. */
  static final int DEFAULT_MIN_BYTES = 8_000;
  /** Case bodies per chunk, in bytes of wasm code. */
  static final int DEFAULT_CHUNK_BYTES = 2_000;

  private WasmSplit() {}

  /** Splits every large function of a module; returns the new module and what was done. */
  public static Output split(byte[] wasm, int minBytes, int chunkBytes) {
    Module module = Module.read(wasm);
    List<String> log = splitAll(module, minBytes, chunkBytes);
    return new Output(module.encode(), log);
  }

  /** Splits every large function of the module in place; one log line per function split or left whole. */
  private static List<String> splitAll(Module module, int minBytes, int chunkBytes) {
    NestSplitter splitter = new NestSplitter(module, chunkBytes);
    List<String> log = new ArrayList<>();
    int defined = module.functions.size();
    for (int i = 0; i < defined; i++) {
      int size = module.functions.get(i).code().length;
      if (size < minBytes) continue;
      NestSplitter.Result r;
      try {
        r = splitter.split(i);
      } catch (WasmFormatException e) {
        log.add("function " + (module.importedFunctions + i) + ": switch not split: " + e.getMessage());
        continue; // the module is unchanged
      }
      if (r == null) {
        log.add("function " + (module.importedFunctions + i) + ": " + size + " bytes, no switch makes up most of it");
      } else {
        log.add("function " + r.function() + ": " + size + " bytes -> " + r.remainingBytes() + " + "
            + r.caseBodies() + " case bodies in " + r.chunks() + " chunks of at most "
            + r.largestChunkBytes() + " bytes");
      }
    }
    return log;
  }

  /** The module without its data segments, and their image of memory (see {@link Module#moveDataOut}). */
  public static DataMoved moveDataOut(byte[] wasm) {
    Module module = Module.read(wasm);
    byte[] file = imageFile(module.moveDataOut());
    return new DataMoved(module.encode(), file);
  }

  /** The file of an image of memory: its offset as 4 big-endian bytes, then its bytes. */
  private static byte[] imageFile(Module.MemoryImage image) {
    return ByteBuffer.allocate(4 + image.bytes().length).putInt(image.offset()).put(image.bytes()).array();
  }

  /** A module without data segments, and the file that holds their image of memory. */
  public record DataMoved(byte[] wasm, byte[] imageFile) {}

  /** The rewritten module and one line per function split or left whole. */
  public record Output(byte[] wasm, List<String> log) {}

  private static void writeAtomically(Path file, byte[] bytes) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: WasmSplit IN OUT [--min-bytes N] [--chunk-bytes N] [--data-out FILE]");
      System.exit(2);
    }
    int minBytes = DEFAULT_MIN_BYTES;
    int chunkBytes = DEFAULT_CHUNK_BYTES;
    Path dataOut = null;
    for (int i = 2; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--min-bytes" -> minBytes = Integer.parseInt(args[i + 1]);
        case "--chunk-bytes" -> chunkBytes = Integer.parseInt(args[i + 1]);
        case "--data-out" -> dataOut = Path.of(args[i + 1]);
        default -> {
          System.err.println("unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    Path in = Path.of(args[0]);
    Path out = Path.of(args[1]);
    try {
      Module module = Module.read(Files.readAllBytes(in));
      splitAll(module, minBytes, chunkBytes).forEach(line -> System.out.println("[wasm-split] " + line));
      if (dataOut != null) {
        Module.MemoryImage image = module.moveDataOut();
        Files.createDirectories(dataOut.toAbsolutePath().getParent());
        writeAtomically(dataOut, imageFile(image));
        System.out.println("[wasm-split] data segments moved to " + dataOut + " (" + image.bytes().length + " bytes)");
      }
      writeAtomically(out, module.encode());
    } catch (WasmFormatException e) {
      System.err.println("wasm-split: " + in + ": " + e.getMessage());
      System.exit(1);
    }
  }
}
