package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LintScheduleTest {
  private static final long MIB = 1 << 20;
  private static final long GIB = 1 << 30;

  @Test
  void largeFilesGoBesideTheSmallOnesOnlyInAHeap256TimesTheirSize() {
    LintSchedule s = LintSchedule.plan(new long[] {10, 2 * MIB, 5 * MIB, MIB, 4 * MIB}, 2, GIB);
    assertThat(s.small()).containsExactly(0, 3); // 1 MiB is not large
    assertThat(s.beside()).containsExactly(1, 4); // 4 MiB x 256 = 1 GiB
    assertThat(s.alone()).containsExactly(2);
    assertThat(s.threaded()).isTrue();
  }

  @Test
  void inASmallHeapEveryLargeFileIsLintedAlone() {
    LintSchedule s = LintSchedule.plan(new long[] {10, 5 * MIB, 20}, 2, 96 * MIB);
    assertThat(s.small()).containsExactly(0, 2);
    assertThat(s.beside()).isEmpty();
    assertThat(s.alone()).containsExactly(1);
  }

  @Test
  void oneThreadLintsEverythingInOrder() {
    LintSchedule s = LintSchedule.plan(new long[] {5 * MIB, 10, 2 * MIB}, 1, GIB);
    assertThat(s.small()).containsExactly(0, 1, 2);
    assertThat(s.beside()).isEmpty();
    assertThat(s.alone()).isEmpty();
  }

  @Test
  void aLargeFileWithNothingBesideItNeedsNoThreads() {
    LintSchedule s = LintSchedule.plan(new long[] {2 * MIB}, 4, GIB);
    assertThat(s.threaded()).isFalse();
    assertThat(s.alone()).isEqualTo(List.of(0));
    assertThat(LintSchedule.plan(new long[] {10}, 4, GIB).threaded()).isFalse();
  }
}
