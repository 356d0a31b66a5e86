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
    for (String row : new String[] {"(1,,2)", "(nextval('s'), 1)", "(1::mood)", "(1 /* c */)", "(E'a\\n')", "(1, 'elated')",
        "('a' 'b')", "(ARRAY[1])", "(U&'d')", "(1 2)", "(1::int 8)", "('a'::text x)", "(1::select)", "(1::)",
        "(now(1))", "(now ())", "(later())", "(now()::mood)"}) {
      String text = insert(300, 200, row);
      String blanked = ConstantRows.blank(text);
      assertThat(blanked).as(row).contains(row);
      assertThat(blanked).as(row).hasSameSizeAs(text);
    }
  }

  @Test
  void constantsCastToBuiltInTypesAreBlankedToo() {
    String text = insert(300, 200, "(200::int, 'x'::text[], NULL::timestamptz, -1.5::NUMERIC, now(), CURRENT_DATE, "
        + "gen_random_uuid()::text)");
    String blanked = ConstantRows.blank(text);
    assertThat(blanked).hasSameSizeAs(text).doesNotContain("::").doesNotContain("now()").doesNotContain("CURRENT_DATE");
  }

  @Test
  void longInListsAndArrayLiteralsOfConstantsKeepTheirFirstHundredElements() {
    StringBuilder in = new StringBuilder("DELETE FROM t WHERE id IN (0");
    StringBuilder array = new StringBuilder("SELECT ARRAY['a'");
    for (int i = 1; i < 20_000; i++) {
      in.append(", ").append(i).append("::bigint");
      array.append(",'a").append(i).append('\'');
    }
    String text = in.append(") AND x = ANY (ARRAY[now(), 1, 2]);\n").toString() + array.append("];\n");
    String blanked = ConstantRows.blank(text);
    assertThat(blanked).hasSameSizeAs(text);
    assertThat(blanked.replaceAll("\\s+", " ")).isEqualTo("DELETE FROM t WHERE id IN (0" + ", 1::bigint".repeat(0)
        + java.util.stream.IntStream.range(1, 100).mapToObj(i -> ", " + i + "::bigint").collect(java.util.stream.Collectors.joining())
        + " ) AND x = ANY (ARRAY[now(), 1, 2]); SELECT ARRAY['a'"
        + java.util.stream.IntStream.range(1, 100).mapToObj(i -> ",'a" + i + "'").collect(java.util.stream.Collectors.joining())
        + " ]; ");
    ParsedFile parsed = new SqlParser().parse(dev.lockstep.source.SourceFile.of("t.sql", text));
    assertThat(parsed.errors()).isEmpty();
    assertThat(parsed.statements()).hasSize(2);
  }

  @Test
  void smallFilesAreLeftAsTheyAre() {
    String text = "INSERT INTO t VALUES " + "(1),".repeat(200) + "(2);\n";
    assertThat(ConstantRows.blank(text)).isSameAs(text);
  }
}
