package dev.lockstep.rules;

import static dev.lockstep.pg.ServerQueries.execute;
import static dev.lockstep.pg.ServerQueries.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Linter;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.parse.SqlParser;
import dev.lockstep.pg.PostgresServer;
import dev.lockstep.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The expand/contract rewrite ban-blocking-table-rewrite prints for SET EXPRESSION, run on the
 * majors that have the statement, with its two placeholders filled (the column's type, the first
 * batch's lower bound): the expand and contract steps do not rewrite the table, rows written at
 * any point get the new expression's value, and the column ends up plain, under its old name.
 */
class SetExpressionRewriteOnPostgresTest {
  private static final Path FIXTURE = Path.of("test-fixtures", "ban-blocking-table-rewrite", "bad", "set-expression.sql");

  static List<Integer> majors() {
    return PostgresServer.MAJORS.stream().filter(m -> m >= 17).toList();
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @MethodSource("majors")
  void thePrintedStepsKeepTheColumnAtTheNewExpressionWithoutARewrite(int major) throws Exception {
    LintOptions options = new LintOptions(major, false, Set.of("ban-blocking-table-rewrite"), Set.of(),
        LintOptions.DEFAULT_MAX_LOCK_TIMEOUT_MILLIS);
    FileResult result = new Linter(Rules.all(), options, new SqlParser())
        .lint(SourceFile.of(FIXTURE.toString(), Files.readString(FIXTURE)));
    Finding products = result.findings().stream().filter(f -> f.start().line() == 2).findFirst().orElseThrow();
    List<Rewrite.Step> steps = products.rewrite().steps();
    assertThat(steps).extracting(Rewrite.Step::runs).hasSize(4);

    PostgresServer server = PostgresServer.of(major);
    String database = server.createDatabase();
    try (Connection c = server.connect(database)) {
      execute(c, Files.readString(FIXTURE.resolveSibling("set-expression.setup.sql")));
      long files = single(c, "SELECT pg_relation_filenode('products')");

      execute(c, filled(steps.get(0))); // expand
      assertThat(single(c, "SELECT pg_relation_filenode('products')")).as("expand rewrote products").isEqualTo(files);
      execute(c, "INSERT INTO products (id, price) VALUES (1001, 100)");
      assertThat(single(c, "SELECT count(*) FROM products WHERE id = 1001 AND price_with_tax_next = 120"))
          .as("the trigger sets a new row's column to the new expression").isEqualTo(1);
      execute(c, filled(steps.get(1))); // the first batch
      assertThat(single(c, "SELECT count(*) FROM products WHERE price_with_tax_next IS DISTINCT FROM price * 1.2"))
          .as("rows whose new column is not the new expression after the backfill").isZero();

      execute(c, filled(steps.get(2))); // contract
      assertThat(single(c, "SELECT pg_relation_filenode('products')")).as("contract rewrote products").isEqualTo(files);
      execute(c, "INSERT INTO products (id, price) VALUES (1002, 10)");
      execute(c, "UPDATE products SET price = 50 WHERE id = 5");
      assertThat(single(c, "SELECT count(*) FROM products WHERE price_with_tax IS DISTINCT FROM price * 1.2"))
          .as("rows whose column is not the new expression after the swap").isZero();
      assertThat(single(c, "SELECT count(*) FROM pg_attribute WHERE attrelid = 'products'::regclass "
          + "AND attname = 'price_with_tax' AND attgenerated = ''")).as("a plain column under the old name").isEqualTo(1);
    }
  }

  /** The step's SQL with its placeholders filled as a user would. */
  private static String filled(Rewrite.Step step) {
    return step.sql().replace("<type of price_with_tax>", "numeric").replace("last_done_id", "0");
  }
}
