package dev.lockstep.wasmsplit;

import static dev.lockstep.wasmsplit.TestModule.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hand-written modules with the shapes of libpg_query's switches run before and after splitting,
 * interpreted and compiled, with identical results for every input tried.
 */
class NestSplitterTest {
  static final byte I32 = FuncType.I32;
  static final byte I64 = 0x7e;
  static final byte F64 = 0x7c;

  /**
   * f(x, y) -> (i32, i64): a loop around a five-block switch. Case bodies fall through into each
   * other, skip a body with br_if, run an inner loop, leave through a br_table whose targets are
   * inside the body, the next body, the end of the switch, the loop and the outermost block,
   * return two values from inside an if, and call an imported function. One local is used only
   * outside the switch, so the pieces do not take it.
   */
  static byte[] switchModule() {
    int x = 0, y = 1, a = 2, b = 3, c = 4, t = 5, u = 6; // u: not used by the case bodies
    Asm code = new Asm()
        .get(x).i32(5).op(I32_MUL).set(u)
        .block() // $done
        .loop() // $again
        .get(y).i32(1).op(I32_SUB).tee(y).i32(0).op(I32_LT_S).brIf(1)
        .block().block().block().block().block() // B4 .. B0
        .get(x).get(y).op(I32_ADD).i32(1).op(I32_SUB)
        .brTable(4, 0, 1, 1, 2, 3, 4, 5, 6, 0, 3) // 4 leaves the switch, 5 is $again, 6 is $done
        .end()
        // body 0: leaves everything when y == 7
        .get(a).i32(10).op(I32_ADD).set(a)
        .get(y).i32(7).op(I32_EQ).brIf(5)
        .end()
        // body 1: skips body 2 when y is odd
        .get(b).i64(3).op(I64_MUL).get(x).op(I64_EXTEND_I32_S).op(I64_ADD).set(b)
        .get(y).i32(1).op(I32_AND).brIf(1)
        .end()
        // body 2
        .get(y).set(t)
        .loop()
        .get(a).i32(2).op(I32_MUL).i32(1).op(I32_ADD).set(a)
        .get(t).i32(1).op(I32_SUB).tee(t).i32(0).op(I32_GT_S).brIf(0)
        .end()
        .block()
        .get(a).i32(3).op(I32_AND).brTable(1, 0, 2, 3, 4)
        .end()
        .get(c).f64(0.25).op(F64_ADD).set(c)
        .end()
        // body 3
        .get(c).f64(1.5).op(F64_ADD).set(c)
        .get(y).i32(5).op(I32_GT_S).ifThen().get(a).get(b).ret().end()
        .get(a).call(MIX).set(a)
        .end() // B4: after the switch
        .get(x).i32(1).op(I32_ADD).set(x)
        .br(0)
        .end() // $again
        .end() // $done
        .get(a).get(c).op(I32_TRUNC_F64_S).op(I32_ADD).get(u).op(I32_ADD).get(b);
    return new TestModule()
        .function("f", new byte[] {I32, I32}, new byte[] {I32, I64}, new byte[] {I32, I64, F64, I32, I32}, code)
        .function("g", new byte[] {I32}, new byte[] {}, new byte[] {}, voidSwitch())
        .function("h", new byte[] {I32}, new byte[] {I32}, new byte[] {I32}, wideSwitch())
        .function("k", new byte[] {I32, I32}, new byte[] {I32}, new byte[] {}, valueSwitch())
        .bytes();
  }

  /** g(x): a switch in a function without results whose br_table can also return. */
  static Asm voidSwitch() {
    return new Asm()
        .block().block().block()
        .get(0).brTable(3, 0, 1, 2, 3, 0) // 3 is the function's own label: return
        .end()
        .globalGet().i32(100).op(I32_ADD).globalSet()
        .end()
        .globalGet().i32(3).op(I32_MUL).globalSet()
        .get(0).i32(2).op(I32_EQ).ifThen().ret().end()
        .end()
        .globalGet().i32(1).op(I32_ADD).globalSet();
  }

  /**
   * h(x) -> i32: a switch with 40 case bodies (in one chunk each, the dispatch needs two levels);
   * every fifth body leaves the switch, every seventh jumps ahead three bodies.
   */
  static Asm wideSwitch() {
    int bodies = 40;
    Asm code = new Asm();
    for (int k = 0; k <= bodies; k++) code.block();
    int[] targets = new int[bodies + 1];
    for (int k = 0; k <= bodies; k++) targets[k] = k;
    code.get(0).brTable(bodies, targets).end();
    for (int k = 0; k < bodies; k++) {
      code.get(1).i32(3).op(I32_MUL).i32(k).op(I32_ADD).set(1);
      if (k % 5 == 4) code.br(bodies - 1 - k); // to the end of the switch
      else if (k % 7 == 6 && k + 3 < bodies) code.get(0).i32(1).op(I32_AND).brIf(2);
      code.end();
    }
    return code.get(1);
  }

  /**
   * k(x, y) -> i32: a switch inside a block whose label carries an i32, left by br_if (which
   * keeps the value when it does not branch) and by br, as a scanner returns its token.
   */
  static Asm valueSwitch() {
    return new Asm()
        .op(0x02, I32) // $token: block (result i32)
        .block().block().block()
        .get(0).brTable(2, 0, 1, 2)
        .end()
        .i32(100).get(1).brIf(2).op(0x1a) // drop the value br_if kept
        .end()
        .get(0).i32(10).op(I32_MUL).get(1).op(I32_ADD).br(1)
        .end()
        .i32(7)
        .end()
        .i32(1).op(I32_ADD);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 12, 40, 100_000})
  void splitModuleComputesWhatTheOriginalDoes(int chunkBytes) {
    byte[] original = switchModule();
    WasmSplit.Output out = WasmSplit.split(original, 0, chunkBytes);
    assertThat(out.log()).anyMatch(l -> l.startsWith("function 1:") && l.contains("4 case bodies"))
        .anyMatch(l -> l.startsWith("function 2:") && l.contains("2 case bodies"))
        .anyMatch(l -> l.startsWith("function 3:") && l.contains("40 case bodies"))
        .anyMatch(l -> l.startsWith("function 4:") && l.contains("2 case bodies"));
    List<String> expected = runAll(original, false);
    assertThat(runAll(out.wasm(), false)).isEqualTo(expected);
    assertThat(runAll(out.wasm(), true)).isEqualTo(expected);
    // the inputs reach every body and every way out, so the results must differ among themselves
    assertThat(expected.stream().distinct().count()).isGreaterThan(70);
  }

  @Test
  void smallChunksGiveOneChunkPerBody() {
    WasmSplit.Output out = WasmSplit.split(switchModule(), 0, 1);
    assertThat(out.log()).anyMatch(l -> l.startsWith("function 1:") && l.contains("in 4 chunks"))
        .anyMatch(l -> l.startsWith("function 3:") && l.contains("in 40 chunks"));
  }

  @Test
  void splittingIsDeterministic() {
    byte[] once = WasmSplit.split(switchModule(), 0, 12).wasm();
    assertThat(WasmSplit.split(switchModule(), 0, 12).wasm()).isEqualTo(once);
  }

  @Test
  void functionsBelowTheSizeOrWithoutSwitchStayAsTheyAre() {
    byte[] original = new TestModule()
        .function("h", new byte[] {I32}, new byte[] {I32}, new byte[] {},
            new Asm().block().get(0).brIf(0).end().get(0).i32(1).op(I32_ADD))
        .bytes();
    WasmSplit.Output out = WasmSplit.split(original, 0, 1);
    assertThat(out.wasm()).isEqualTo(original);
    assertThat(out.log()).containsExactly("function 1: 13 bytes, no switch makes up most of it");
    assertThat(WasmSplit.split(switchModule(), 1_000_000, 1).wasm()).isEqualTo(switchModule());
  }

  @Test
  void aSwitchWhoseBranchesOutCarrySeveralValuesIsLeftWhole() {
    Asm code = new Asm()
        .op(0x02, 0x01) // a block of type 1, () -> (i32, i32): its label carries two values
        .block().block().block()
        .get(0).brTable(2, 0, 1, 2)
        .end().end()
        .i32(5).i32(6).br(1)
        .end()
        .i32(7).i32(8)
        .end()
        .op(I32_ADD);
    byte[] module = new TestModule()
        .function("two", new byte[] {}, new byte[] {I32, I32}, new byte[] {}, new Asm().i32(1).i32(2))
        .function("v", new byte[] {I32}, new byte[] {I32}, new byte[] {}, code).bytes();
    WasmSplit.Output out = WasmSplit.split(module, 0, 1);
    assertThat(out.wasm()).isEqualTo(module);
    assertThat(out.log()).contains("function 2: switch not split:"
        + " a branch out of the switch carries several values, which is not supported");
  }

  @Test
  void notAModuleIsRefused() {
    assertThatThrownBy(() -> WasmSplit.split(new byte[] {1, 2, 3}, 0, 1))
        .isInstanceOf(WasmFormatException.class)
        .hasMessage("not a wasm module (version 1)");
  }

  /** f over a grid of inputs and g over its switch's range, as text lines. */
  private static List<String> runAll(byte[] wasm, boolean compiled) {
    WasmModule module = Parser.parse(wasm);
    HostFunction mix = new HostFunction("env", "mix",
        FunctionType.of(List.of(ValType.I32), List.of(ValType.I32)),
        (inst, args) -> new long[] {(int) args[0] * 31 + 7});
    Instance.Builder builder = Instance.builder(module)
        .withImportValues(ImportValues.builder().addFunction(mix).build());
    if (compiled) {
      builder.withMachineFactory(MachineFactoryCompiler.builder(module)
          .withInterpreterFallback(InterpreterFallback.FAIL).compile());
    }
    Instance instance = builder.build();
    List<String> results = new ArrayList<>();
    for (int x = -2; x <= 12; x++) {
      for (int y = 0; y <= 9; y++) {
        long[] r = instance.export("f").apply(x, y);
        results.add("f(" + x + "," + y + ") = " + Arrays.toString(r));
      }
    }
    for (int x = -1; x <= 42; x++) {
      results.add("h(" + x + ") = " + instance.export("h").apply(x)[0]);
    }
    for (int x = -1; x <= 3; x++) {
      for (int y = 0; y <= 1; y++) {
        results.add("k(" + x + "," + y + ") = " + instance.export("k").apply(x, y)[0]);
      }
    }
    for (int x = -1; x <= 6; x++) {
      instance.global(0).setValue(11);
      instance.export("g").apply(x);
      results.add("g(" + x + ") -> " + instance.global(0).getValue());
    }
    return results;
  }
}
