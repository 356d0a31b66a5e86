package dev.lockstep.parse.wasm;

import com.dylibso.chicory.runtime.ConstantEvaluators;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The parser's linear memory, in 64 KiB pages that are allocated when first written. libpg_query
 * starts with 543 pages (34 MiB), almost all of it a 32 MiB stack of which a parse touches the top
 * few pages: allocating and zeroing every page up front took a third of a cold start and 34 MiB of
 * heap. Until a page is written it is a shared page of zeros, so reads need no check; only writes
 * compare against that page. Out-of-range accesses fail as in Chicory's own memories.
 */
final class LazyPageMemory implements Memory {
  private static final int PAGE_SHIFT = 16;
  private static final int PAGE_MASK = PAGE_SIZE - 1;
  /** Stands for every page not yet written; never written itself. */
  private static final byte[] ZEROS = new byte[PAGE_SIZE];
  private static final VarHandle SHORTS = view(short[].class);
  private static final VarHandle INTS = view(int[].class);
  private static final VarHandle LONGS = view(long[].class);
  private static final VarHandle FLOATS = view(float[].class);
  private static final VarHandle DOUBLES = view(double[].class);

  private final MemoryLimits limits;
  /** Page i is {@code pages[i]} for i below {@link #pageCount}; null above it. */
  private final byte[][] pages;
  private int pageCount;
  private DataSegment[] dataSegments = new DataSegment[0];

  LazyPageMemory(MemoryLimits limits) {
    if (limits.shared()) throw new ChicoryException("shared memory is not supported by the parser's memory");
    this.limits = limits;
    this.pages = new byte[Math.min(limits.maximumPages(), RUNTIME_MAX_PAGES)][];
    this.pageCount = limits.initialPages();
    Arrays.fill(pages, 0, pageCount, ZEROS);
  }

  private static VarHandle view(Class<?> arrayType) {
    return MethodHandles.byteArrayViewVarHandle(arrayType, ByteOrder.LITTLE_ENDIAN);
  }

  /** The page to write at {@code addr}, allocated now if it was never written. */
  private byte[] writable(int addr) {
    byte[] page = pages[addr >>> PAGE_SHIFT];
    if (page != ZEROS) return page; // also null (out of range): the access then fails
    page = new byte[PAGE_SIZE];
    pages[addr >>> PAGE_SHIFT] = page;
    return page;
  }

  private int sizeInBytes() {
    return pageCount * PAGE_SIZE;
  }

  private void checkBounds(int addr, int size) {
    long limit = sizeInBytes();
    if (addr < 0 || size < 0 || (long) addr + size > limit) throw outOfBounds(addr, size);
  }

  private WasmRuntimeException outOfBounds(int addr, int size) {
    return new WasmRuntimeException("out of bounds memory access: attempted to access address: " + addr
        + " but limit is: " + sizeInBytes() + " and size: " + size);
  }

  /** An array index or null page error of an access, as the trap a wasm engine reports. */
  private RuntimeException outOfBounds(RuntimeException e, int addr, int size) {
    if (e instanceof IndexOutOfBoundsException || e instanceof NullPointerException) {
      return outOfBounds(addr, size);
    }
    return e;
  }

  // ---- size ---------------------------------------------------------------------------------

  @Override
  public int pages() {
    return pageCount;
  }

  @Override
  public int grow(int size) {
    int before = pageCount;
    long after = (long) before + size;
    if (size < 0 || after > maximumPages()) return -1;
    Arrays.fill(pages, before, (int) after, ZEROS);
    pageCount = (int) after;
    return before;
  }

  @Override
  public int initialPages() {
    return limits.initialPages();
  }

  @Override
  public int maximumPages() {
    return pages.length;
  }

  @Override
  public boolean shared() {
    return false;
  }

  // ---- data segments ------------------------------------------------------------------------

  @Override
  public void initialize(Instance instance, DataSegment[] segments) {
    initialize(instance, segments, 0);
  }

  @Override
  public void initialize(Instance instance, DataSegment[] segments, int memoryIndex) {
    if (segments == null) return;
    this.dataSegments = segments;
    for (DataSegment s : segments) {
      if (!(s instanceof ActiveDataSegment active) || active.index() != memoryIndex) continue;
      // Offsets of data segments are constant expressions; libpg_query's are i32 constants.
      long[] offset = ConstantEvaluators.computeConstantValue(instance, active.offsetInstructions());
      byte[] data = active.data();
      int at = (int) offset[0];
      if (at < 0 || (long) at + data.length > sizeInBytes()) {
        throw new UninstantiableException("out of bounds memory access");
      }
      write(at, data, 0, data.length);
    }
  }

  @Override
  public void initPassiveSegment(int segmentId, int dest, int offset, int size) {
    write(dest, dataSegments[segmentId].data(), offset, size);
  }

  @Override
  public void drop(int segment) {
    dataSegments[segment] = PassiveDataSegment.EMPTY;
  }

  // ---- bulk ---------------------------------------------------------------------------------

  @Override
  public void write(int addr, byte[] data, int offset, int size) {
    if (offset < 0 || size < 0 || (long) offset + size > data.length) throw outOfBounds(offset, size);
    checkBounds(addr, size);
    while (size > 0) {
      int inPage = addr & PAGE_MASK;
      int chunk = Math.min(size, PAGE_SIZE - inPage);
      System.arraycopy(data, offset, writable(addr), inPage, chunk);
      addr += chunk;
      offset += chunk;
      size -= chunk;
    }
  }

  @Override
  public byte[] readBytes(int addr, int len) {
    checkBounds(addr, len);
    byte[] out = new byte[len];
    int done = 0;
    while (done < len) {
      int inPage = (addr + done) & PAGE_MASK;
      int chunk = Math.min(len - done, PAGE_SIZE - inPage);
      System.arraycopy(pages[(addr + done) >>> PAGE_SHIFT], inPage, out, done, chunk);
      done += chunk;
    }
    return out;
  }

  @Override
  public void copy(int dest, int src, int size) {
    checkBounds(dest, size);
    checkBounds(src, size);
    if (dest > src && dest < src + size) {
      // Overlapping, destination after source: copy from the end, as memmove does.
      int end = size;
      while (end > 0) {
        int s = src + end - 1;
        int d = dest + end - 1;
        int chunk = Math.min(end, Math.min((s & PAGE_MASK) + 1, (d & PAGE_MASK) + 1));
        System.arraycopy(pages[s >>> PAGE_SHIFT], (s & PAGE_MASK) - chunk + 1, writable(d), (d & PAGE_MASK) - chunk + 1, chunk);
        end -= chunk;
      }
    } else {
      int done = 0;
      while (done < size) {
        int s = src + done;
        int d = dest + done;
        int chunk = Math.min(size - done, Math.min(PAGE_SIZE - (s & PAGE_MASK), PAGE_SIZE - (d & PAGE_MASK)));
        System.arraycopy(pages[s >>> PAGE_SHIFT], s & PAGE_MASK, writable(d), d & PAGE_MASK, chunk);
        done += chunk;
      }
    }
  }

  @Override
  public void zero() {
    Arrays.fill(pages, 0, pageCount, ZEROS);
  }

  @Override
  public void fill(byte value, int fromIndex, int toIndex) {
    checkBounds(fromIndex, toIndex - fromIndex);
    int addr = fromIndex;
    while (addr < toIndex) {
      int inPage = addr & PAGE_MASK;
      int chunk = Math.min(toIndex - addr, PAGE_SIZE - inPage);
      if (value != 0 || pages[addr >>> PAGE_SHIFT] != ZEROS) {
        Arrays.fill(writable(addr), inPage, inPage + chunk, value);
      }
      addr += chunk;
    }
  }

  // ---- loads and stores: within one page directly, across a page boundary byte by byte -------

  @Override
  public byte read(int addr) {
    try {
      return pages[addr >>> PAGE_SHIFT][addr & PAGE_MASK];
    } catch (RuntimeException e) {
      throw outOfBounds(e, addr, 1);
    }
  }

  @Override
  public void writeByte(int addr, byte data) {
    try {
      writable(addr)[addr & PAGE_MASK] = data;
    } catch (RuntimeException e) {
      throw outOfBounds(e, addr, 1);
    }
  }

  @Override
  public short readShort(int addr) {
    int off = addr & PAGE_MASK;
    if (off > PAGE_SIZE - 2) return (short) readAcross(addr, 2);
    try {
      return (short) SHORTS.get(pages[addr >>> PAGE_SHIFT], off);
    } catch (RuntimeException e) {
      throw outOfBounds(e, addr, 2);
    }
  }

  @Override
  public long readU16(int addr) {
    return readShort(addr) & 0xFFFFL;
  }

  @Override
  public void writeShort(int addr, short data) {
    int off = addr & PAGE_MASK;
    if (off > PAGE_SIZE - 2) {
      writeAcross(addr, data, 2);
      return;
    }
    try {
      SHORTS.set(writable(addr), off, data);
    } catch (RuntimeException e) {
      throw outOfBounds(e, addr, 2);
    }
  }

  @Override
  public int readInt(int addr) {
    int off = addr & PAGE_MASK;
    if (off > PAGE_SIZE - 4) return (int) readAcross(addr, 4);
    try {
      return (int) INTS.get(pages[addr >>> PAGE_SHIFT], off);
    } catch (RuntimeException e) {
      throw outOfBounds(e, addr, 4);
    }
  }

  @Override
  public void writeI32(int addr, int data) {
    int off = addr & PAGE_MASK;
    if (off > PAGE_SIZE - 4) {
      writeAcross(addr, data, 4);
      return;
    }
    try {
      INTS.set(writable(addr), off, data);
    } catch (RuntimeException e) {
      throw outOfBounds(e, addr, 4);
    }
  }

  @Override
  public long readLong(int addr) {
    int off = addr & PAGE_MASK;
    if (off > PAGE_SIZE - 8) return readAcross(addr, 8);
    try {
      return (long) LONGS.get(pages[addr >>> PAGE_SHIFT], off);
    } catch (RuntimeException e) {
      throw outOfBounds(e, addr, 8);
    }
  }

  @Override
  public void writeLong(int addr, long data) {
    int off = addr & PAGE_MASK;
    if (off > PAGE_SIZE - 8) {
      writeAcross(addr, data, 8);
      return;
    }
    try {
      LONGS.set(writable(addr), off, data);
    } catch (RuntimeException e) {
      throw outOfBounds(e, addr, 8);
    }
  }

  @Override
  public float readFloat(int addr) {
    int off = addr & PAGE_MASK;
    if (off > PAGE_SIZE - 4) return Float.intBitsToFloat(readInt(addr));
    try {
      return (float) FLOATS.get(pages[addr >>> PAGE_SHIFT], off);
    } catch (RuntimeException e) {
      throw outOfBounds(e, addr, 4);
    }
  }

  @Override
  public long readF32(int addr) {
    return readInt(addr);
  }

  @Override
  public void writeF32(int addr, float data) {
    int off = addr & PAGE_MASK;
    if (off > PAGE_SIZE - 4) {
      writeI32(addr, Float.floatToRawIntBits(data));
      return;
    }
    try {
      FLOATS.set(writable(addr), off, data);
    } catch (RuntimeException e) {
      throw outOfBounds(e, addr, 4);
    }
  }

  @Override
  public double readDouble(int addr) {
    int off = addr & PAGE_MASK;
    if (off > PAGE_SIZE - 8) return Double.longBitsToDouble(readLong(addr));
    try {
      return (double) DOUBLES.get(pages[addr >>> PAGE_SHIFT], off);
    } catch (RuntimeException e) {
      throw outOfBounds(e, addr, 8);
    }
  }

  @Override
  public long readF64(int addr) {
    return readLong(addr);
  }

  @Override
  public void writeF64(int addr, double data) {
    int off = addr & PAGE_MASK;
    if (off > PAGE_SIZE - 8) {
      writeLong(addr, Double.doubleToRawLongBits(data));
      return;
    }
    try {
      DOUBLES.set(writable(addr), off, data);
    } catch (RuntimeException e) {
      throw outOfBounds(e, addr, 8);
    }
  }

  /** A little-endian value of {@code size} bytes that crosses a page boundary. */
  private long readAcross(int addr, int size) {
    checkBounds(addr, size);
    long value = 0;
    for (int i = size - 1; i >= 0; i--) value = (value << 8) | (read(addr + i) & 0xFFL);
    return value;
  }

  private void writeAcross(int addr, long value, int size) {
    checkBounds(addr, size);
    for (int i = 0; i < size; i++) writeByte(addr + i, (byte) (value >>> (8 * i)));
  }

  // ---- threads: the parser is single-threaded and its memory is not shared ------------------

  /** The monitor of the interface's default atomic operations: one for all, as nothing else shares it. */
  @Override
  public Object lock(int address) {
    return this;
  }

  @Override
  public int waitOn(int address, int expected, long timeout) {
    throw new ChicoryException("wait on unshared memory");
  }

  @Override
  public int waitOn(int address, long expected, long timeout) {
    throw new ChicoryException("wait on unshared memory");
  }

  @Override
  public int notify(int address, int maxThreads) {
    return 0;
  }
}
