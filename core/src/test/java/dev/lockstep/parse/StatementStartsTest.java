package dev.lockstep.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatementStartsTest {
  private static final String SQL = "SET lock_timeout = '2s';\n-- note; with a semicolon\nALTER TABLE t\n"
      + "  ADD COLUMN c text DEFAULT ';';\nCREATE INDEX i ON t (c);";

  @Test
  void findsTheFirstTokenOfTheStatementHoldingAnOffset() {
    int alter = SQL.indexOf("ALTER");
    assertThat(StatementStarts.startOf(SQL, SQL.indexOf("ADD COLUMN"))).isEqualTo(alter);
    assertThat(StatementStarts.startOf(SQL, SQL.indexOf("';'"))).isEqualTo(alter);
    assertThat(StatementStarts.startOf(SQL, 3)).isZero();
    assertThat(StatementStarts.startOf(SQL, SQL.indexOf("ON t (c)"))).isEqualTo(SQL.indexOf("CREATE"));
  }

  @Test
  void anOffsetInTheCommentsBeforeAStatementBelongsToIt() {
    assertThat(StatementStarts.startOf(SQL, SQL.indexOf("note"))).isEqualTo(SQL.indexOf("ALTER"));
  }

  @Test
  void aStatementWithoutASemicolonRunsToTheEnd() {
    String sql = "SELECT 1;\nDROP TABLE x";
    assertThat(StatementStarts.startOf(sql, sql.length() - 1)).isEqualTo(sql.indexOf("DROP"));
  }
}
