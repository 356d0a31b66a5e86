package dev.lockstep.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LimitsTest {
  @Test
  void sizesReadLikePeopleWriteThem() {
    assertThat(Limits.bytes("16MiB")).contains(16L << 20);
    assertThat(Limits.bytes("500k")).contains(500L << 10);
    assertThat(Limits.bytes(" 2 GB ")).contains(2L << 30);
    assertThat(Limits.bytes("2000000")).contains(2_000_000L);
    assertThat(Limits.bytes("lots")).isEqualTo(Optional.empty());
    assertThat(Limits.bytes("5 parsecs")).isEqualTo(Optional.empty());
  }

  @Test
  void sizesAreShownRounded() {
    assertThat(Limits.describe(16L << 20)).isEqualTo("16 MiB");
    assertThat(Limits.describe(5_288_912)).isEqualTo("5.0 MiB");
    assertThat(Limits.describe(700L << 10)).isEqualTo("700 KiB");
    assertThat(Limits.describe(12)).isEqualTo("12 bytes");
  }
}
