package dev.lockstep.wasmsplit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Data segments moved out of a module become one image that fills memory as instantiation would. */
class DataMoveTest {
  /** A module with one page of memory, a data count, and the given data section body. */
  private static byte[] module(Bytes dataSection, int segments) {
    Bytes out = new Bytes().raw(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    out.u8(5).sized(new Bytes().u32(1).u8(0).u32(1).toArray()); // memory: min 1 page
    out.u8(7).sized(new Bytes().u32(1).sized("memory".getBytes()).u8(2).u32(0).toArray());
    out.u8(12).sized(new Bytes().u32(segments).toArray());
    out.u8(11).sized(dataSection.toArray());
    return out.toArray();
  }

  private static Bytes activeSegment(Bytes section, int offset, byte[] data) {
    return section.u8(0).u8(0x41).s64(offset).u8(0x0b).sized(data);
  }

  @Test
  void segmentsBecomeOneImageWithZerosBetweenThemAndLaterOnesWinWhereTheyOverlap() {
    Bytes section = new Bytes().u32(3);
    activeSegment(section, 40, new byte[] {1, 2, 3, 4});
    activeSegment(section, 16, new byte[] {9, 9});
    activeSegment(section, 42, new byte[] {7, 7, 7});
    byte[] wasm = module(section, 3);

    WasmSplit.DataMoved moved = WasmSplit.moveDataOut(wasm);

    ByteBuffer file = ByteBuffer.wrap(moved.imageFile());
    assertThat(file.getInt()).as("offset of the image").isEqualTo(16);
    byte[] image = Arrays.copyOfRange(moved.imageFile(), 4, moved.imageFile().length);
    byte[] expected = new byte[45 - 16];
    expected[0] = 9;
    expected[1] = 9;
    expected[40 - 16] = 1;
    expected[41 - 16] = 2;
    expected[42 - 16] = 7;
    expected[43 - 16] = 7;
    expected[44 - 16] = 7;
    assertThat(image).isEqualTo(expected);

    // Memory of the original after instantiation == memory of the stripped module plus the image.
    byte[] original = Instance.builder(Parser.parse(wasm)).build().memory().readBytes(0, 64);
    Instance stripped = Instance.builder(Parser.parse(moved.wasm())).build();
    assertThat(Parser.parse(moved.wasm()).dataSection().dataSegments()).isEmpty();
    assertThat(stripped.memory().readBytes(0, 64)).as("nothing before the image is written").containsOnly(0);
    stripped.memory().write(16, image);
    assertThat(stripped.memory().readBytes(0, 64)).isEqualTo(original);
  }

  @Test
  void aModuleWithoutDataGivesAnEmptyImage() {
    WasmSplit.DataMoved moved = WasmSplit.moveDataOut(module(new Bytes().u32(0), 0));
    assertThat(moved.imageFile()).containsExactly(0, 0, 0, 0);
  }

  @Test
  void passiveSegmentsAreRefused() {
    Bytes section = new Bytes().u32(1).u8(1).sized(new byte[] {1});
    assertThatThrownBy(() -> WasmSplit.moveDataOut(module(section, 1)))
        .isInstanceOf(WasmFormatException.class)
        .hasMessage("data segment 0 is not active at a constant offset in memory 0");
  }
}
