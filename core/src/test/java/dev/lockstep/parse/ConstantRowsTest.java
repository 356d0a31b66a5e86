package dev.lockstep.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConstantRowsTest {
  /** A VALUES list of {@code count} rows, the one at {@code special} replaced; padded past the size worth blanking. */
  private static String insert(int count, int special, String row) {
    StringBuilder sql = new StringBuilder("ALTER TYPE mood ADD VALUE 'elated';\nINSERT INTO t VALUES ");
    for (int i = 0; i < count; i++) {
      sql.append(i == 0 ? "" : ",").append(i == special ? row : "(" + i + ", 'x\\y', NULL, -1.5e3, TRUE)");
    }
    return sql.append(";\n").append("-- padding\n".repeat(7000)).toString();
  }

  @Test
  void rowsOfConstantsPastTheFirstHundredAreBlankedKeepingEveryOffset() {
    String text = insert(300, -1, "");
    String blanked = ConstantRows.blank(text);
    assertThat(blanked).hasSameSizeAs(text);
    int hundredth = text.indexOf(",(100,");
    assertThat(blanked.substring(0, hundredth)).isEqualTo(text.substring(0, hundredth));
    assertThat(blanked.substring(hundredth, text.indexOf(";\n-- padding")).isBlank()).isTrue();
    assertThat(blanked.substring(text.indexOf(";\n-- padding"))).isEqualTo(text.substring(text.indexOf(";\n-- padding")));
  }

  @Test
  void rowsWithAnythingElseStayAsWritten() {
    for (String row : new String[] {"(1,,2)", "(now(), 1)", "(1::int)", "(1 /* c */)", "(E'a\\n')", "(1, 'elated')",
        "('a' 'b')", "(ARRAY[1])", "(U&'d')"}) {
      String text = insert(300, 200, row);
      String blanked = ConstantRows.blank(text);
      assertThat(blanked).as(row).contains(row);
      assertThat(blanked).as(row).hasSameSizeAs(text);
    }
  }

  @Test
  void smallFilesAreLeftAsTheyAre() {
    String text = "INSERT INTO t VALUES " + "(1),".repeat(200) + "(2);\n";
    assertThat(ConstantRows.blank(text)).isSameAs(text);
  }
}
