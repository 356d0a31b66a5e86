package dev.lockstep.parse.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The lazily paged memory behaves exactly as Chicory's own array memory, page boundaries included. */
class LazyPageMemoryTest {
  private static final int PAGE = Memory.PAGE_SIZE;

  @Test
  void randomLoadsStoresCopiesAndFillsMatchChicorysMemory() {
    Random random = new Random(42);
    for (int round = 0; round < 20; round++) {
      Memory expected = new ByteArrayMemory(new MemoryLimits(3, 6));
      Memory actual = new LazyPageMemory(new MemoryLimits(3, 6));
      List<String> log = new ArrayList<>();
      for (int step = 0; step < 3_000; step++) {
        String op = randomOperation(random, expected, actual);
        log.add(op);
        int at = random.nextInt(expected.pages() * PAGE);
        assertThat(actual.readLong(Math.min(at, expected.pages() * PAGE - 8)))
            .as("after %s", log.subList(Math.max(0, log.size() - 5), log.size()))
            .isEqualTo(expected.readLong(Math.min(at, expected.pages() * PAGE - 8)));
      }
      assertThat(actual.pages()).isEqualTo(expected.pages());
      assertThat(actual.readBytes(0, actual.pages() * PAGE)).isEqualTo(expected.readBytes(0, expected.pages() * PAGE));
    }
  }

  /** One operation on both memories, mostly near page boundaries where the two differ most. */
  private static String randomOperation(Random random, Memory expected, Memory actual) {
    int size = expected.pages() * PAGE;
    int addr = random.nextBoolean()
        ? random.nextInt(size - 16)
        : (1 + random.nextInt(expected.pages() - 1)) * PAGE - 8 + random.nextInt(16);
    long value = random.nextLong();
    switch (random.nextInt(12)) {
      case 0 -> { expected.writeByte(addr, (byte) value); actual.writeByte(addr, (byte) value); return "byte@" + addr; }
      case 1 -> { expected.writeShort(addr, (short) value); actual.writeShort(addr, (short) value); return "short@" + addr; }
      case 2 -> { expected.writeI32(addr, (int) value); actual.writeI32(addr, (int) value); return "int@" + addr; }
      case 3 -> { expected.writeLong(addr, value); actual.writeLong(addr, value); return "long@" + addr; }
      case 4 -> { expected.writeF32(addr, Float.intBitsToFloat((int) value)); actual.writeF32(addr, Float.intBitsToFloat((int) value)); return "f32@" + addr; }
      case 5 -> { expected.writeF64(addr, Double.longBitsToDouble(value)); actual.writeF64(addr, Double.longBitsToDouble(value)); return "f64@" + addr; }
      case 6 -> {
        assertThat(actual.readShort(addr)).isEqualTo(expected.readShort(addr));
        assertThat(actual.readInt(addr)).isEqualTo(expected.readInt(addr));
        assertThat(actual.readU16(addr)).isEqualTo(expected.readU16(addr));
        assertThat(actual.readF32(addr)).isEqualTo(expected.readF32(addr));
        assertThat(actual.readF64(addr)).isEqualTo(expected.readF64(addr));
        assertThat(Float.floatToRawIntBits(actual.readFloat(addr))).isEqualTo(Float.floatToRawIntBits(expected.readFloat(addr)));
        assertThat(Double.doubleToRawLongBits(actual.readDouble(addr))).isEqualTo(Double.doubleToRawLongBits(expected.readDouble(addr)));
        return "reads@" + addr;
      }
      case 7 -> {
        int length = random.nextInt(3 * PAGE / 2);
        int src = random.nextInt(size - length);
        int dest = random.nextBoolean() ? random.nextInt(size - length)
            : Math.max(0, Math.min(size - length, src + random.nextInt(64) - 32)); // overlapping
        expected.copy(dest, src, length);
        actual.copy(dest, src, length);
        return "copy " + src + "->" + dest + " x" + length;
      }
      case 8 -> {
        int length = random.nextInt(3 * PAGE / 2);
        int from = random.nextInt(size - length);
        byte fill = random.nextInt(3) == 0 ? 0 : (byte) value;
        expected.fill(fill, from, from + length);
        actual.fill(fill, from, from + length);
        return "fill " + from + " x" + length + " with " + fill;
      }
      case 9 -> {
        byte[] data = new byte[random.nextInt(2 * PAGE)];
        random.nextBytes(data);
        int at = random.nextInt(size - data.length);
        expected.write(at, data);
        actual.write(at, data);
        return "write@" + at + " x" + data.length;
      }
      case 10 -> {
        int length = random.nextInt(2 * PAGE);
        int at = random.nextInt(size - length);
        assertThat(actual.readBytes(at, length)).isEqualTo(expected.readBytes(at, length));
        return "readBytes@" + at;
      }
      default -> {
        if (random.nextInt(40) != 0) return "nothing";
        int pages = random.nextInt(3);
        assertThat(actual.grow(pages)).isEqualTo(expected.grow(pages));
        return "grow " + pages;
      }
    }
  }

  @Test
  void unwrittenPagesReadAsZeroAndZeroForgetsWrites() {
    Memory memory = new LazyPageMemory(new MemoryLimits(543, 16384));
    assertThat(memory.pages()).isEqualTo(543);
    assertThat(memory.readLong(542 * PAGE + PAGE - 8)).isZero();
    memory.writeI32(100 * PAGE + 3, 0x12345678);
    assertThat(memory.readInt(100 * PAGE + 3)).isEqualTo(0x12345678);
    assertThat(memory.readInt(101 * PAGE + 3)).as("the next page was never written").isZero();
    memory.zero();
    assertThat(memory.readInt(100 * PAGE + 3)).isZero();
  }

  @Test
  void accessesOutsideTheMemoryTrapAsChicorysMemoryDoes() {
    Memory memory = new LazyPageMemory(new MemoryLimits(2, 3));
    int end = 2 * PAGE;
    assertThatThrownBy(() -> memory.readInt(end - 2)).isInstanceOf(WasmRuntimeException.class)
        .hasMessage("out of bounds memory access: attempted to access address: " + (end - 2) + " but limit is: " + end + " and size: 4");
    assertThatThrownBy(() -> memory.writeLong(end, 1)).isInstanceOf(WasmRuntimeException.class);
    assertThatThrownBy(() -> memory.writeByte(-1, (byte) 1)).isInstanceOf(WasmRuntimeException.class);
    assertThatThrownBy(() -> memory.read(Integer.MIN_VALUE)).isInstanceOf(WasmRuntimeException.class);
    assertThatThrownBy(() -> memory.copy(end - 10, 0, 11)).isInstanceOf(WasmRuntimeException.class);
    assertThatThrownBy(() -> memory.fill((byte) 1, end - 1, end + 1)).isInstanceOf(WasmRuntimeException.class);
    assertThat(memory.grow(2)).as("over the maximum").isEqualTo(-1);
    assertThat(memory.grow(1)).isEqualTo(2);
    memory.writeLong(end, 7);
    assertThat(memory.readLong(end)).isEqualTo(7);
  }
}
