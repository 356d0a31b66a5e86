package dev.lockstep.split;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A rerun of a stopped split recognises the file it wrote, whatever language its comment was written in. */
class HeadersTest {
  private static final String BODY = "CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total);\n";

  @Test
  void theSameFileInAnotherLanguageIsTheSameSplit() {
    String english = "-- Split from V2__index.sql by lockstep fix --split: it must run outside a transaction block.\n" + BODY;
    String spanish = "-- Separada de V2__index.sql por lockstep fix --split: debe ejecutarse fuera de un bloque de "
        + "transacción.\n" + BODY;
    assertThat(Headers.sameSplit(spanish, english)).isTrue();
    assertThat(Headers.sameSplit(english, english)).isTrue();
  }

  @Test
  void anotherStatementOrAFileWithoutTheCommentIsNot() {
    String english = "-- Split from V2__index.sql by lockstep fix --split: it must run outside a transaction block.\n" + BODY;
    assertThat(Headers.sameSplit("-- Separada de V2__index.sql.\nCREATE INDEX CONCURRENTLY other_idx ON orders (id);\n",
        english)).isFalse();
    assertThat(Headers.sameSplit(BODY, english)).isFalse();
    assertThat(Headers.sameSplit("-- a comment only\n", "-- another comment only\n")).isFalse();
  }
}
