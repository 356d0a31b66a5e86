package dev.lockstep.parse.wasm;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * One instance of PostgreSQL's parser (libpg_query compiled to WebAssembly, compiled to JVM
 * bytecode at build time). Not thread-safe. After a {@link WasmTrap} the instance must be
 * discarded: its memory may be inconsistent.
 */
public final class LibpgQuery implements PgQuery {
  private static final int PAGE = 65536;

  private final Instance instance;
  private final Memory memory;
  private final ExportFunction malloc;
  private final ExportFunction free;
  private final ExportFunction parseRaw;
  private final ExportFunction freeParseResult;
  private final ExportFunction parsePlpgsql;
  private final ExportFunction scan;
  private final ExportFunction freeString;
  private final ExportFunction stackGetCurrent;
  private final ExportFunction stackRestore;
  private final ExportFunction setThrew;
  private final ExportFunction fingerprint;

  private LibpgQuery(WasmModule module, Function<Instance, Machine> machines, MemoryImage data) {
    Abi abi = Abi.load();
    ImportValues imports = ImportValues.builder().withFunctions(hostFunctions(module, abi)).build();
    instance = Instance.builder(module)
        .withMachineFactory(machines)
        .withMemoryFactory(LazyPageMemory::new) // pages allocated when first written; see the class
        .withImportValues(imports)
        .build();
    memory = instance.memory();
    data.writeTo(memory); // before any code runs, as instantiation would have written the segments
    Instance.Exports exports = instance.exports();
    malloc = exports.function(abi.export("_malloc"));
    free = exports.function(abi.export("_free"));
    parseRaw = exports.function(abi.export("_wasm_parse_query_raw"));
    freeParseResult = exports.function(abi.export("_wasm_free_parse_result"));
    parsePlpgsql = exports.function(abi.export("_wasm_parse_plpgsql"));
    scan = exports.function(abi.export("_wasm_scan"));
    freeString = exports.function(abi.export("_wasm_free_string"));
    stackGetCurrent = exports.function(abi.export("_emscripten_stack_get_current"));
    stackRestore = exports.function(abi.export("__emscripten_stack_restore"));
    setThrew = exports.function(abi.export("_setThrew"));
    fingerprint = exports.function(abi.export("_wasm_fingerprint"));
    exports.function(abi.export("__wasm_call_ctors")).apply();
  }

  /** Creates a fresh parser instance. */
  public static LibpgQuery create() {
    return create(Shipped.MODULE, LibpgQueryModule::create, Shipped.DATA);
  }

  /** An instance of another build of the same module, with its own data segments (tests compare the split and the original). */
  static LibpgQuery create(WasmModule module, Function<Instance, Machine> machines) {
    return create(module, machines, MemoryImage.NONE);
  }

  /**
   * The compiled module's description (types, imports, exports, tables; its code is JVM bytecode)
   * and data, read once when the first parser starts. The build validated the whole module before
   * compiling it, so it is not validated again at every start (about 10 ms).
   */
  private static final class Shipped {
    static final WasmModule MODULE = Parser.builder().withValidation(false).build()
        .parse(() -> LibpgQueryModule.class.getResourceAsStream("LibpgQueryModule.meta"));
    static final MemoryImage DATA = MemoryImage.shipped();
  }

  private static LibpgQuery create(WasmModule module, Function<Instance, Machine> machines, MemoryImage data) {
    try {
      return new LibpgQuery(module, machines, data);
    } catch (RuntimeException e) {
      throw new WasmTrap("could not start the PostgreSQL parser: " + e.getMessage(), e);
    }
  }

  @Override
  public long memoryBytes() {
    return (long) memory.pages() * PAGE;
  }

  @Override
  public RawParse parse(byte[] utf8) {
    return call(() -> {
      int input = writeCString(utf8);
      int result = 0;
      try {
        result = i32(parseRaw.apply(input));
        if (result == 0) throw new WasmTrap("the parser could not allocate memory");
        int tree = memory.readInt(result);
        int error = memory.readInt(result + 8);
        if (error != 0) {
          return RawParse.error(readCString(memory.readInt(error)), memory.readInt(error + 16));
        }
        return RawParse.ok(readCString(tree));
      } finally {
        free.apply(input);
        if (result != 0) freeParseResult.apply(result);
      }
    });
  }

  @Override
  public RawParse scan(byte[] utf8) {
    return stringCall(scan, utf8);
  }

  @Override
  public RawParse parsePlpgsql(byte[] utf8) {
    return stringCall(parsePlpgsql, utf8);
  }

  /** PostgreSQL's query fingerprint, or the error message; only the tests need it. */
  String fingerprint(byte[] utf8) {
    return textCall(fingerprint, utf8);
  }

  private RawParse stringCall(ExportFunction fn, byte[] utf8) {
    String text = textCall(fn, utf8);
    return text.startsWith("{") ? RawParse.ok(text) : RawParse.error(text, 0);
  }

  private String textCall(ExportFunction fn, byte[] utf8) {
    return call(() -> {
      int input = writeCString(utf8);
      int result = 0;
      try {
        result = i32(fn.apply(input));
        return readCString(result);
      } finally {
        free.apply(input);
        if (result != 0) freeString.apply(result);
      }
    });
  }

  private interface WasmCall<T> {
    T run();
  }

  private <T> T call(WasmCall<T> body) {
    try {
      return body.run();
    } catch (WasmTrap e) {
      throw e;
    } catch (com.dylibso.chicory.runtime.ChicoryInterruptedException e) {
      Thread.interrupted(); // the time limit stopped this parse; the thread goes on with other work
      throw new WasmTrap(WasmTrap.STOPPED, e);
    } catch (StackOverflowError e) {
      throw new WasmTrap("input nests too deeply for the parser (JVM stack exhausted)", e);
    } catch (RuntimeException e) {
      throw new WasmTrap("the PostgreSQL parser trapped: " + e, e);
    }
  }

  private int writeCString(byte[] utf8) {
    int ptr = i32(malloc.apply(utf8.length + 1));
    if (ptr == 0) throw new WasmTrap("the parser could not allocate " + (utf8.length + 1) + " bytes");
    memory.write(ptr, utf8);
    memory.writeByte(ptr + utf8.length, (byte) 0);
    return ptr;
  }

  private String readCString(int ptr) {
    if (ptr == 0) return "";
    int limit = memory.pages() * PAGE;
    int end = ptr;
    while (end < limit) {
      int chunk = Math.min(4096, limit - end);
      byte[] bytes = memory.readBytes(end, chunk);
      for (int i = 0; i < chunk; i++) {
        if (bytes[i] == 0) {
          return new String(memory.readBytes(ptr, end + i - ptr), StandardCharsets.UTF_8);
        }
      }
      end += chunk;
    }
    throw new WasmTrap("unterminated string in parser memory");
  }

  private static int i32(long[] result) {
    return (int) result[0];
  }

  // ---- host functions -------------------------------------------------------------------------

  /** Thrown by emscripten's longjmp import; caught by the invoke_* trampoline that set the jump. */
  private static final class LongJump extends RuntimeException {
    LongJump() {
      super(null, null, false, false);
    }
  }

  private static final LongJump LONG_JUMP = new LongJump();

  private List<ImportFunction> hostFunctions(WasmModule module, Abi abi) {
    List<ImportFunction> functions = new ArrayList<>();
    var section = module.importSection();
    for (int i = 0; i < section.importCount(); i++) {
      Import imp = section.getImport(i);
      if (!(imp instanceof FunctionImport fi)) continue;
      FunctionType type = module.typeSection().getType(fi.typeIndex());
      String name = abi.importName(imp.name());
      functions.add(new HostFunction(imp.module(), imp.name(), type, handle(name)));
    }
    return functions;
  }

  private com.dylibso.chicory.runtime.WasmFunctionHandle handle(String name) {
    if (name.startsWith("invoke_")) {
      boolean returnsValue = name.charAt("invoke_".length()) != 'v';
      return (inst, args) -> invoke(inst, args, returnsValue);
    }
    switch (name) {
      case "__emscripten_throw_longjmp":
        return (inst, args) -> { throw LONG_JUMP; };
      case "_emscripten_resize_heap":
        return (inst, args) -> new long[] {resizeHeap(inst.memory(), args[0] & 0xffffffffL) ? 1 : 0};
      case "_fd_write":
        return (inst, args) -> new long[] {fdWrite(inst.memory(), (int) args[1], (int) args[2], (int) args[3])};
      case "_fd_read":
        return (inst, args) -> {
          inst.memory().writeI32((int) args[3], 0);
          return new long[] {0};
        };
      case "_fd_close":
      case "__setitimer_js":
        return (inst, args) -> new long[] {0};
      case "_fd_seek":
        return (inst, args) -> new long[] {70}; // ESPIPE: stdio streams are not seekable
      case "__emscripten_runtime_keepalive_clear":
        return (inst, args) -> null;
      case "___assert_fail":
      case "__abort_js":
      case "_exit":
      case "_proc_exit":
        return (inst, args) -> { throw new WasmTrap("the PostgreSQL parser aborted (" + name + ")"); };
      default:
        throw new IllegalStateException("no host implementation for wasm import " + name);
    }
  }

  /** invoke_*(index, args...): a call that a setjmp may catch; see emscripten's invoke_* glue. */
  private long[] invoke(Instance inst, long[] args, boolean returnsValue) {
    int sp = i32(stackGetCurrent.apply());
    TableInstance table = inst.table(0);
    int function = table.requiredRef((int) args[0]);
    try {
      return inst.getMachine().call(function, Arrays.copyOfRange(args, 1, args.length));
    } catch (LongJump e) {
      stackRestore.apply(sp);
      setThrew.apply(1, 0);
      return returnsValue ? new long[] {0} : null;
    }
  }

  private static boolean resizeHeap(Memory memory, long requested) {
    long current = (long) memory.pages() * PAGE;
    if (requested <= current) return true;
    long target = Math.max(requested, current + current / 5); // grow geometrically, as emscripten does
    for (long size : new long[] {target, requested}) {
      int pages = (int) ((size + PAGE - 1) / PAGE);
      if (pages <= memory.maximumPages() && memory.grow(pages - memory.pages()) >= 0) return true;
    }
    return false;
  }

  private static int fdWrite(Memory memory, int iov, int iovcnt, int written) {
    int total = 0;
    for (int i = 0; i < iovcnt; i++) {
      total += memory.readInt(iov + i * 8 + 4);
    }
    memory.writeI32(written, total); // libpg_query's own diagnostics are discarded
    return 0;
  }
}
