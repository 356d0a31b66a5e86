package dev.lockstep.frameworks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import liquibase.util.StringUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * lockstep cuts a changeset where Liquibase itself does: the pieces agree with liquibase-core's own
 * splitter (StringUtil.processMultiLineSQL, what a changeset's SQL goes through) on hand-written cases
 * and on every SQL file of the corpus.
 */
class LiquibaseSplitterTest {
  static {
    System.setProperty("liquibase.analytics.enabled", "false");
  }

  /** The pieces lockstep's cuts make, trimmed, as Liquibase lists them. */
  static List<String> ours(String sql, String endDelimiter) {
    List<String> out = new ArrayList<>();
    int from = 0;
    for (LiquibaseSplitter.Cut c : LiquibaseSplitter.cuts(sql, 0, sql.length(), endDelimiter)) {
      add(out, sql.substring(from, c.start()));
      from = c.end();
    }
    add(out, sql.substring(from));
    return out;
  }

  private static void add(List<String> out, String piece) {
    if (!piece.strip().isEmpty()) out.add(piece.strip());
  }

  static List<String> liquibase(String sql, String endDelimiter) {
    List<String> out = new ArrayList<>();
    for (String s : StringUtil.processMultiLineSQL(sql, false, true, endDelimiter, null)) add(out, s);
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "CREATE TABLE t (id int);\nINSERT INTO t VALUES (1);\n",
      "DO $$\nBEGIN\n  PERFORM 1;\nEND\n$$;\nSELECT 2;\n",
      "CREATE FUNCTION f(x int) RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n  IF x > 0 THEN\n    RETURN 1;\n  END IF;\n"
          + "  RETURN 0;\nEND\n$$;\n",
      "CREATE FUNCTION g() RETURNS int LANGUAGE sql AS $fn$ SELECT 1; SELECT 2 $fn$;\n",
      "DO $$BEGIN PERFORM 1; END$$;\nSELECT 3;\n",
      "SELECT 'a;b', E'x\\';y', \"weird;id\" FROM t; -- a ; comment\n/* block; */ SELECT 2;\n",
      "BEGIN;\nUPDATE t SET x = 1;\nCOMMIT;\nSELECT 1;\n",
      "BEGIN TRANSACTION;\nSELECT 1;\nEND TRANSACTION;\nSELECT 2;\n",
      "SELECT t.end FROM t;\nSELECT CASE WHEN true THEN 1 END;\nSELECT 2;\n",
      "SELECT 1\nGO\nSELECT 10\n/ 2;\n  GO\nSELECT 3;\n",
      "CREATE FUNCTION h() RETURNS trigger LANGUAGE plpgsql AS $$\nDECLARE\n  n int;\nBEGIN\n  LOOP\n    EXIT;\n"
          + "  END LOOP;\n  RETURN NEW;\nEND;\n$$;\n",
      "SELECT 'it''s; fine';\nSELECT U&'\\0041;';\nSELECT $q$ a ; b $q$;\n",
  })
  void cutsWhereLiquibaseCuts(String sql) {
    assertThat(ours(sql, null)).isEqualTo(liquibase(sql, null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "GO", "//", "$$"})
  void cutsAtAnEndDelimiterWhereLiquibaseDoes(String delimiter) {
    String sql = "CREATE FUNCTION f(x int) RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n  IF x > 0 THEN\n    RETURN 1;\n"
        + "  END IF;\n  RETURN 0;\nEND\n$$;\n" + delimiter + "\nSELECT 'x; y';\n" + delimiter + "\nSELECT 3 / 1;\n";
    assertThat(ours(sql, delimiter)).isEqualTo(liquibase(sql, delimiter));
  }

  @Test
  void cutsEveryCorpusFileWhereLiquibaseDoes() throws IOException {
    List<String> differ = new ArrayList<>();
    int compared = 0;
    try (Stream<Path> files = Files.walk(Path.of("corpus"))) {
      for (Path p : files.filter(f -> f.toString().endsWith(".sql") && Files.isRegularFile(f)).sorted().toList()) {
        String sql;
        try {
          sql = Files.readString(p).replace("\r\n", "\n");
        } catch (MalformedInputException e) {
          continue;
        }
        if (sql.length() > 200_000) continue; // a dump: the same tokens, only slower
        List<String> theirs;
        try {
          theirs = liquibase(sql, null);
        } catch (liquibase.exception.UnexpectedLiquibaseException e) {
          continue; // a character Liquibase's grammar has no token for: Liquibase itself stops there
        }
        compared++;
        if (!ours(sql, null).equals(theirs)) differ.add(p.toString());
      }
    }
    assertThat(compared).isGreaterThan(1000);
    assertThat(differ).as("files cut differently").isEmpty();
  }
}
