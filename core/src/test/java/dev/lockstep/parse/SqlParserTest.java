package dev.lockstep.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.parse.ast.AlterTable;
import dev.lockstep.parse.ast.AlterTableCmd;
import dev.lockstep.parse.ast.AlterTableType;
import dev.lockstep.parse.ast.ColumnDef;
import dev.lockstep.parse.ast.Constraint;
import dev.lockstep.parse.ast.ConstraintType;
import dev.lockstep.parse.ast.Copy;
import dev.lockstep.parse.ast.CreateIndex;
import dev.lockstep.parse.ast.CreateTable;
import dev.lockstep.parse.ast.DoBlock;
import dev.lockstep.parse.ast.Drop;
import dev.lockstep.parse.ast.ObjectType;
import dev.lockstep.parse.ast.Rename;
import dev.lockstep.parse.ast.SetVariable;
import dev.lockstep.parse.ast.Transaction;
import dev.lockstep.source.Position;
import dev.lockstep.source.SourceFile;
import dev.lockstep.parse.wasm.LibpgQuery;
import dev.lockstep.parse.wasm.PgQuery;
import dev.lockstep.parse.wasm.RawParse;
import dev.lockstep.parse.wasm.WasmTrap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

public class SqlParserTest {
  static final SqlParser PARSER = new SqlParser();

  public static ParsedFile parse(String sql) {
    return PARSER.parse(SourceFile.of("t.sql", sql));
  }

  static List<String> texts(ParsedFile f) {
    return f.statements().stream().map(Statement::text).toList();
  }

  @Test
  void boundariesComeFromTheGrammarNotFromSemicolons() {
    String sql = "SELECT 'a;b' AS \"x;y\";\n"
        + "DO $do$ BEGIN PERFORM 1; PERFORM 2; END $do$;\n"
        + "/* outer /* nested; */ still comment; */ SELECT E'it\\'s; ok';\n"
        + "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;\n"
        + "SELECT 3 -- trailing; comment\n";
    assertThat(texts(parse(sql))).containsExactly(
        "SELECT 'a;b' AS \"x;y\"",
        "DO $do$ BEGIN PERFORM 1; PERFORM 2; END $do$",
        "SELECT E'it\\'s; ok'",
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END",
        "SELECT 3");
  }

  @Test
  void statementPositionsSurviveMultiByteTextAndLineEndings() {
    String sql = "\uFEFF-- ünïcödé 🐘\r\nSELECT 1;\rCREATE INDEX \"🐘\" ON t (x);\n\tDROP TABLE t;";
    ParsedFile f = PARSER.parse(SourceFile.of("t.sql", sql));
    assertThat(f.statements()).extracting(Statement::start)
        .containsExactly(new Position(2, 1), new Position(3, 1), new Position(4, 2));
    CreateIndex idx = (CreateIndex) f.statements().get(1).node();
    assertThat(idx.name()).isEqualTo("🐘");
    int tableOffset = f.statements().get(1).offsetOf(idx.table().location());
    assertThat(f.source().position(tableOffset)).isEqualTo(new Position(3, 21));
  }

  @Test
  void syntaxErrorIsReportedAtItsPlaceAndTheRestIsStillParsed() {
    ParsedFile f = parse("SELECT 1;\nCREATE INDEX ON;\nSELECT 'é' + ;\nALTER TABLE t ADD COLUMN c int;\n");
    assertThat(f.errors()).hasSize(2);
    SyntaxError first = f.errors().get(0);
    assertThat(first.message()).isEqualTo("syntax error at or near \";\"");
    assertThat(f.source().position(first.offset())).isEqualTo(new Position(2, 16));
    assertThat(f.source().text(first.statement())).isEqualTo("CREATE INDEX ON");
    assertThat(f.source().position(f.errors().get(1).offset())).isEqualTo(new Position(3, 14));
    assertThat(texts(f)).containsExactly("SELECT 1", "ALTER TABLE t ADD COLUMN c int");
  }

  @Test
  void aConstantStringADoBodyExecutesThatDoesNotParseIsASyntaxErrorNotDropped() {
    ParsedFile f = parse("DO $$\nBEGIN\n  EXECUTE 'CREATE INDEX ON';\n  ALTER TABLE t ADD COLUMN c int;\nEND $$;\n");
    List<String> errors = f.errors().stream().map(e -> f.source().position(e.offset()) + " " + e.message()).toList();
    assertThat(errors).containsExactly(
        "3:27 a statement in the PL/pgSQL body does not parse: syntax error at end of input");
    assertThat(texts(f)).contains("ALTER TABLE t ADD COLUMN c int"); // the statements that parse are still checked
  }

  @Test
  void aDoBodyThatPlpgsqlRejectsIsASyntaxErrorNotSilence() {
    for (String body : List.of("  ALTER TABLE t ADD COLUMN;\n", "  IF true THEN\n    ALTER TABLE t ADD COLUMN c int;\n")) {
      ParsedFile f = parse("SELECT 1;\nDO $$\nBEGIN\n" + body + "END $$;\n");
      List<String> errors = f.errors().stream().map(e -> f.source().position(e.offset()) + " " + e.message()).toList();
      assertThat(errors).containsExactly("2:1 the PL/pgSQL body does not parse: syntax error at end of input");
    }
  }

  @Test
  void psqlMetaCommandIsASyntaxErrorAndParsingResumes() {
    ParsedFile f = parse("\\connect mydb\nCREATE TABLE a (id int);\nSELECT 2;");
    assertThat(f.errors()).singleElement().satisfies(e -> {
      assertThat(e.message()).isEqualTo("syntax error at or near \"\\\"");
      assertThat(f.source().position(e.offset())).isEqualTo(new Position(1, 1));
    });
    assertThat(texts(f)).containsExactly("SELECT 2");
  }

  @Test
  void unterminatedLiteralsAndCommentsRunToTheEnd() {
    for (String bad : List.of("'abc", "\"abc", "$x$ abc", "/* abc")) {
      ParsedFile f = parse("SELECT 1;\nSELECT " + bad + ";\nSELECT 2;");
      assertThat(texts(f)).as(bad).containsExactly("SELECT 1");
      assertThat(f.errors()).as(bad).singleElement().satisfies(e -> {
        assertThat(e.message()).startsWith("unterminated");
        assertThat(f.source().position(e.offset())).isEqualTo(new Position(2, 8));
      });
    }
  }

  @Test
  void scannerFailureLaterInTheFileStillFindsTheNextStatement() {
    // The error's statement ends at the first semicolon; the unterminated quote comes after.
    ParsedFile f = parse("SELEC 1;\nSELECT 2;\nSELECT 'oops");
    assertThat(f.errors()).hasSize(2);
    assertThat(texts(f)).containsExactly("SELECT 2");
  }

  @Test
  void statementsInsideDoBlocksAreParsedWhereTheyStand() {
    ParsedFile f = parse("SELECT 1;\nDO $$\nDECLARE n int;\nBEGIN\n  SELECT count(*) INTO n FROM t;\n"
        + "  -- note\n  ALTER TABLE t ADD COLUMN c int;\n  IF n > 0 THEN\n    CREATE INDEX i ON t (c);\n  END IF;\nEND $$;\nSELECT 2;");
    assertThat(f.statements()).extracting(Statement::text).containsExactly("SELECT 1",
        "DO $$\nDECLARE n int;\nBEGIN\n  SELECT count(*) INTO n FROM t;\n  -- note\n  ALTER TABLE t ADD COLUMN c int;\n"
            + "  IF n > 0 THEN\n    CREATE INDEX i ON t (c);\n  END IF;\nEND $$",
        "ALTER TABLE t ADD COLUMN c int", "CREATE INDEX i ON t (c)", "SELECT 2");
    assertThat(f.statements()).extracting(Statement::enclosingIndex).containsExactly(-1, -1, 1, 1, -1);
    assertThat(f.statements().get(2).start()).isEqualTo(new Position(7, 3));
    assertThat(f.statements().get(3).start()).isEqualTo(new Position(9, 5));
    assertThat(f.statements().get(2).leadingComments()).extracting(Comment::content).containsExactly("note");
  }

  @Test
  void executeOfAConstantStringAndFunctionsTheFileCallsAreParsedToo() {
    ParsedFile f = parse("DO $$\nBEGIN\n  EXECUTE 'ALTER TABLE t ADD COLUMN c int';\n  EXECUTE 'SELECT ' || 1;\nEND $$;\n"
        + "CREATE FUNCTION migrate_data() RETURNS void LANGUAGE plpgsql AS $fn$\nBEGIN\n  UPDATE t SET c = 1;\nEND\n$fn$;\n"
        + "CREATE FUNCTION never_called() RETURNS void LANGUAGE plpgsql AS $fn$\nBEGIN\n  DELETE FROM t;\nEND\n$fn$;\n"
        + "SELECT migrate_data();");
    assertThat(f.statements()).extracting(Statement::text).containsExactly(
        "DO $$\nBEGIN\n  EXECUTE 'ALTER TABLE t ADD COLUMN c int';\n  EXECUTE 'SELECT ' || 1;\nEND $$",
        "ALTER TABLE t ADD COLUMN c int",
        "CREATE FUNCTION migrate_data() RETURNS void LANGUAGE plpgsql AS $fn$\nBEGIN\n  UPDATE t SET c = 1;\nEND\n$fn$",
        "UPDATE t SET c = 1",
        "CREATE FUNCTION never_called() RETURNS void LANGUAGE plpgsql AS $fn$\nBEGIN\n  DELETE FROM t;\nEND\n$fn$",
        "SELECT migrate_data()");
    assertThat(f.statements().get(1).start()).isEqualTo(new Position(3, 12));
    assertThat(f.statements().get(3).start()).isEqualTo(new Position(8, 3));
    assertThat(f.statements().get(3).enclosingIndex()).isEqualTo(2);
  }

  @Test
  void executeOfABuiltStringIsKeptAsSqlThatIsNotChecked() {
    String sql = "DO $$\nDECLARE t text := 'orders';\nBEGIN\n  EXECUTE 'ALTER TABLE t ADD COLUMN c int';\n"
        + "  execute format('ANALYZE %I', t);\n  EXECUTE 'COMMENT ON TABLE t IS ''x''';\nEND $$;\n"
        + "CREATE FUNCTION f(x text) RETURNS void LANGUAGE plpgsql AS $fn$\nBEGIN\n  EXECUTE 'ANALYZE ' || x;\nEND\n$fn$;\n"
        + "CREATE FUNCTION never_called(x text) RETURNS void LANGUAGE plpgsql AS $fn$\nBEGIN EXECUTE x; END\n$fn$;\n"
        + "SELECT f('orders');";
    ParsedFile f = parse(sql);
    Statement block = f.statements().get(0);
    assertThat(block.dynamicSql()).extracting(DynamicSql::kind)
        .containsExactly(DynamicSql.Kind.BUILT, DynamicSql.Kind.ESCAPED_LITERAL);
    assertThat(block.dynamicSql()).extracting(d -> f.source().position(d.span().start()))
        .containsExactly(new Position(5, 3), new Position(6, 3));
    assertThat(block.dynamicSql()).extracting(d -> f.source().text(d.span()))
        .containsExactly("execute format('ANALYZE %I', t)", "EXECUTE 'COMMENT ON TABLE t IS ''x'''");
    Statement called = f.statements().stream().filter(s -> s.text().startsWith("CREATE FUNCTION f(")).findFirst().orElseThrow();
    assertThat(called.dynamicSql()).extracting(d -> f.source().position(d.span().start())).containsExactly(new Position(10, 3));
    Statement never = f.statements().stream().filter(s -> s.text().startsWith("CREATE FUNCTION never")).findFirst().orElseThrow();
    assertThat(never.dynamicSql()).isEmpty(); // its body runs outside the migration
    assertThat(f.statements()).extracting(Statement::text).contains("ALTER TABLE t ADD COLUMN c int");
  }

  @Test
  void aCallIsANameTokenAndAParenthesisNotTextThatLooksLikeOne() {
    String body = " RETURNS void LANGUAGE plpgsql AS $fn$ BEGIN UPDATE t SET c = 1; END $fn$;\n";
    ParsedFile f = parse("CREATE FUNCTION \"Fill\"()" + body + "CREATE FUNCTION in_literal()" + body
        + "CREATE FUNCTION later()" + body
        + "SELECT \"Fill\" /* the call */ (), 'in_literal()', x'0123abcdef';\nCALL later ();\n");
    assertThat(f.statements()).extracting(Statement::text).containsExactly(
        "CREATE FUNCTION \"Fill\"() RETURNS void LANGUAGE plpgsql AS $fn$ BEGIN UPDATE t SET c = 1; END $fn$",
        "UPDATE t SET c = 1",
        "CREATE FUNCTION in_literal() RETURNS void LANGUAGE plpgsql AS $fn$ BEGIN UPDATE t SET c = 1; END $fn$",
        "CREATE FUNCTION later() RETURNS void LANGUAGE plpgsql AS $fn$ BEGIN UPDATE t SET c = 1; END $fn$",
        "UPDATE t SET c = 1",
        "SELECT \"Fill\" /* the call */ (), 'in_literal()', x'0123abcdef'",
        "CALL later ()");
  }

  @Test
  void emptyAndCommentOnlyInputsHaveNoStatements() {
    for (String sql : List.of("", "   \n", "-- only a comment\n", "/* block */", ";;;;")) {
      ParsedFile f = parse(sql);
      assertThat(f.statements()).as(sql).isEmpty();
      assertThat(f.errors()).as(sql).isEmpty();
    }
  }

  @Test
  void leadingCommentsAreAttached() {
    ParsedFile f = parse("SELECT 1; -- after one\n-- before two\n/* and block */\nSELECT 2;");
    assertThat(f.statements().get(1).leadingComments()).extracting(Comment::content)
        .containsExactly("after one", "before two", "and block");
  }

  @Test
  void oneParserSurvivesErrorsAndManyParses() {
    SqlParser parser = new SqlParser();
    for (int i = 0; i < 50; i++) {
      assertThat(parser.parse(SourceFile.of("x.sql", "SELECT (")).errors()).hasSize(1);
      assertThat(parser.parse(SourceFile.of("x.sql", "SELECT " + i)).statements()).hasSize(1);
    }
  }

  @Test
  void aTrapDiscardsTheInstanceAndTheNextFileParsesWithAFreshOne() {
    List<LibpgQuery> created = new ArrayList<>();
    SqlParser parser = new SqlParser(() -> {
      LibpgQuery real = LibpgQuery.create();
      created.add(real);
      return new PgQuery() { // traps on any input that mentions TRAP
        public RawParse parse(byte[] utf8) {
          if (new String(utf8, StandardCharsets.UTF_8).contains("TRAP")) throw new WasmTrap("out of bounds memory access");
          return real.parse(utf8);
        }
        public RawParse scan(byte[] utf8) { return real.scan(utf8); }
        public RawParse parsePlpgsql(byte[] utf8) { return real.parsePlpgsql(utf8); }
        public long memoryBytes() { return real.memoryBytes(); }
      };
    });
    ParsedFile trapped = parser.parse(SourceFile.of("a.sql", "SELECT 1;\nSELECT 'TRAP';"));
    assertThat(trapped.statements()).isEmpty();
    assertThat(trapped.errors()).singleElement().satisfies(e -> assertThat(e.message()).isEqualTo(
        "the PostgreSQL parser failed here: out of bounds memory access; the rest of the file was not checked"));
    assertThat(texts(parser.parse(SourceFile.of("b.sql", "SELECT 2")))).containsExactly("SELECT 2");
    assertThat(created).hasSize(2);
  }

  @Test
  void typedNodesExposeWhatRulesNeed() {
    ParsedFile f = parse("""
        ALTER TABLE ONLY public.orders
          ADD COLUMN IF NOT EXISTS total numeric(10,2) NOT NULL DEFAULT 0,
          ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID,
          ALTER COLUMN note TYPE varchar(200);
        CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_code_key ON orders (code);
        CREATE TABLE items (id bigserial PRIMARY KEY, name text NOT NULL);
        ALTER TABLE items RENAME COLUMN name TO title;
        DROP INDEX CONCURRENTLY IF EXISTS a, s.b CASCADE;
        BEGIN;
        SET LOCAL lock_timeout = '2s';
        COMMIT;
        DO $$ BEGIN ALTER TABLE t ADD c int; END $$;
        COPY items (id) FROM stdin;
        """);
    List<Statement> s = f.statements();
    AlterTable alter = (AlterTable) s.get(0).node();
    assertThat(alter.table().qualifiedName()).isEqualTo("public.orders");
    assertThat(alter.table().inherit()).isFalse();
    assertThat(alter.commands()).extracting(AlterTableCmd::subtype)
        .containsExactly(AlterTableType.ADD_COLUMN, AlterTableType.ADD_CONSTRAINT, AlterTableType.ALTER_COLUMN_TYPE);
    ColumnDef total = (ColumnDef) alter.commands().get(0).definition().orElseThrow();
    assertThat(total.name()).isEqualTo("total");
    assertThat(total.type().name()).isEqualTo("numeric");
    assertThat(total.type().modifiers()).containsExactly(10, 2);
    assertThat(total.constraints()).extracting(Constraint::type).containsExactly(ConstraintType.NOTNULL,
        ConstraintType.DEFAULT);
    assertThat(alter.commands().get(0).ifExists()).isTrue();
    Constraint fk = (Constraint) alter.commands().get(1).definition().orElseThrow();
    assertThat(fk.type()).isEqualTo(ConstraintType.FOREIGN);
    assertThat(fk.notValid()).isTrue();
    assertThat(fk.referencedTable().name()).isEqualTo("users");
    assertThat(fk.columns()).containsExactly("user_id");
    assertThat(alter.commands().get(2).name()).isEqualTo("note");

    CreateIndex idx = (CreateIndex) s.get(1).node();
    assertThat(idx.concurrently()).isTrue();
    assertThat(idx.unique()).isTrue();
    assertThat(idx.ifNotExists()).isTrue();

    CreateTable items = (CreateTable) s.get(2).node();
    assertThat(items.columns()).extracting(ColumnDef::name).containsExactly("id", "name");
    assertThat(items.columns().get(0).type().name()).isEqualTo("bigserial");

    Rename rename = (Rename) s.get(3).node();
    assertThat(rename.objectType()).isEqualTo(ObjectType.COLUMN);
    assertThat(rename.oldName()).isEqualTo("name");
    assertThat(rename.newName()).isEqualTo("title");

    Drop drop = (Drop) s.get(4).node();
    assertThat(drop.objectType()).isEqualTo(ObjectType.INDEX);
    assertThat(drop.concurrently()).isTrue();
    assertThat(drop.objects()).containsExactly(List.of("a"), List.of("s", "b"));

    assertThat(((Transaction) s.get(5).node()).begins()).isTrue();
    SetVariable set = (SetVariable) s.get(6).node();
    assertThat(set.name()).isEqualTo("lock_timeout");
    assertThat(set.value()).isEqualTo("2s");
    assertThat(set.local()).isTrue();
    assertThat(((Transaction) s.get(7).node()).ends()).isTrue();
    assertThat(((DoBlock) s.get(8).node()).body()).isEqualTo(" BEGIN ALTER TABLE t ADD c int; END ");
    assertThat(s.get(9).text()).isEqualTo("ALTER TABLE t ADD c int"); // the statement inside the DO block
    assertThat(s.get(9).enclosingIndex()).isEqualTo(8);
    assertThat(((Copy) s.get(10).node()).fromStdin()).isTrue();
  }

  @Test
  void defaultIndexNameFollowsPostgres() {
    CreateIndex plain = (CreateIndex) parse("CREATE INDEX ON orders (user_id, created_at)").statements().get(0).node();
    assertThat(plain.defaultName()).isEqualTo("orders_user_id_created_at_idx");
    CreateIndex expr = (CreateIndex) parse("CREATE INDEX ON users (lower(email))").statements().get(0).node();
    assertThat(expr.defaultName()).isEqualTo("users_lower_idx");
    String longTable = "t".repeat(60);
    CreateIndex longName = (CreateIndex) parse("CREATE INDEX ON " + longTable + " (a_rather_long_column)").statements().get(0).node();
    assertThat(longName.defaultName()).hasSize(63).startsWith("t".repeat(38) + "_a_rather_long_column").endsWith("_idx");
  }
}
