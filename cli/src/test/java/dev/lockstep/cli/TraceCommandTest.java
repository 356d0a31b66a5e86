package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.pg.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lockstep trace on a real PostgreSQL: the installed server binaries, as --embedded finds them. */
class TraceCommandTest {
  static EmbeddedPostgres server;

  @TempDir
  Path dir;

  @BeforeAll
  static void server() throws Exception {
    try {
      server = EmbeddedPostgres.start(EmbeddedPostgres.findBinaries());
    } catch (IOException e) {
      String problem = "no PostgreSQL server to trace on: " + e.getMessage();
      if ("1".equals(System.getenv("LOCKSTEP_REQUIRE_TOOLS"))) throw new AssertionError(problem);
      System.err.println("SKIPPED: " + problem);
      assumeTrue(false, problem);
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  static final String SCHEMA = "CREATE TABLE accounts (id bigint PRIMARY KEY, email text, balance int);\n"
      + "CREATE TABLE orders (id bigint PRIMARY KEY, account_id bigint);\n";
  static final String CHANGES = "SET lock_timeout = '2s';\nALTER TABLE accounts ADD COLUMN note text;\n"
      + "CREATE INDEX orders_account_idx ON orders (account_id);\nALTER TABLE accounts ALTER COLUMN balance TYPE bigint;\n";

  Path migrations() throws IOException {
    Path folder = dir.resolve("db/migration");
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("V1__schema.sql"), SCHEMA);
    Files.writeString(folder.resolve("V2__changes.sql"), CHANGES);
    Files.writeString(folder.resolve("V3__concurrently.sql"), "CREATE INDEX CONCURRENTLY accounts_email_idx ON accounts (email);\n");
    return folder;
  }

  String url(String database) {
    return "postgresql://postgres:s3cret%21@127.0.0.1:" + server.port() + "/" + database;
  }

  String newDatabase() throws Exception {
    String name = "trace_" + Long.toHexString(System.nanoTime());
    sql("postgres", "CREATE DATABASE " + name);
    return name;
  }

  void sql(String database, String statement) throws Exception {
    try (Connection c = DriverManager.getConnection(server.jdbcUrl(database)); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  List<String> query(String database, String select) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(server.jdbcUrl(database)); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(select)) {
      while (rs.next()) out.add(rs.getString(1));
    }
    return out;
  }

  /** Lock times vary run to run. */
  static String steady(String out) {
    return out.replaceAll("held \\d+ ms", "held N ms").replaceAll("block for \\d+ ms", "block for N ms");
  }

  /** Lock times, and the locks sampling happens to see, in any language. */
  static String steadyIn(String out) {
    return out.replaceAll("\\d+ ms", "N ms").replaceAll("(muestreo|amostragem): [^\\[]*\\[trace\\]", "$1: SAMPLED [trace]");
  }

  @Test
  void speaksSpanishAndPortuguese() throws Exception {
    String all = migrations().toString();
    CliRunner.Result es = CliRunner.run("trace", "--lang", "es", "--database-url", url(newDatabase()), "--format", "gcc", all);
    assertThat(es.code()).as(es.err()).isZero();
    String v1 = migrations().resolve("V1__schema.sql").toString();
    String v2 = migrations().resolve("V2__changes.sql").toString();
    String v3 = migrations().resolve("V3__concurrently.sql").toString();
    assertThat(steadyIn(es.out())).isEqualTo(
        v1 + ":1:1: note: tomó ACCESS EXCLUSIVE sobre accounts, ACCESS EXCLUSIVE sobre accounts_pkey, retenidos N ms hasta "
            + "el fin de su transacción [trace]\n"
        + v1 + ":2:1: note: tomó ACCESS EXCLUSIVE sobre orders, ACCESS EXCLUSIVE sobre orders_pkey, retenidos N ms hasta el "
            + "fin de su transacción [trace]\n"
        + v2 + ":1:1: note: no tomó nuevos bloqueos de tabla [trace]\n"
        + v2 + ":2:1: warning: tomó ACCESS EXCLUSIVE sobre accounts, retenidos N ms hasta el fin de su transacción; las "
            + "lecturas de accounts esperaron; las escrituras en accounts esperaron [trace]\n"
        + v2 + ":3:1: warning: tomó SHARE sobre orders, ACCESS EXCLUSIVE sobre orders_account_idx, retenidos N ms hasta el "
            + "fin de su transacción; las lecturas de accounts esperaron; las escrituras en accounts, orders esperaron [trace]\n"
        + v2 + ":4:1: warning: tomó ACCESS EXCLUSIVE sobre accounts_pkey, retenidos N ms hasta el fin de su transacción; "
            + "reescribió accounts; las lecturas de accounts esperaron; las escrituras en accounts, orders esperaron [trace]\n"
        + v3 + ":1:1: note: se ejecutó fuera de un bloque de transacción durante N ms; bloqueos vistos por muestreo: "
            + "SAMPLED [trace]\n");
    CliRunner.Result pt = CliRunner.run("trace", "--lang", "pt", "--database-url", url(newDatabase()), "--format", "gcc", all);
    assertThat(steadyIn(pt.out())).isEqualTo(
        v1 + ":1:1: note: obteve ACCESS EXCLUSIVE em accounts, ACCESS EXCLUSIVE em accounts_pkey, mantidos por N ms até o "
            + "fim da transação [trace]\n"
        + v1 + ":2:1: note: obteve ACCESS EXCLUSIVE em orders, ACCESS EXCLUSIVE em orders_pkey, mantidos por N ms até o fim "
            + "da transação [trace]\n"
        + v2 + ":1:1: note: não obteve novos bloqueios de tabela [trace]\n"
        + v2 + ":2:1: warning: obteve ACCESS EXCLUSIVE em accounts, mantidos por N ms até o fim da transação; as leituras "
            + "de accounts esperaram; as escritas em accounts esperaram [trace]\n"
        + v2 + ":3:1: warning: obteve SHARE em orders, ACCESS EXCLUSIVE em orders_account_idx, mantidos por N ms até o fim "
            + "da transação; as leituras de accounts esperaram; as escritas em accounts, orders esperaram [trace]\n"
        + v2 + ":4:1: warning: obteve ACCESS EXCLUSIVE em accounts_pkey, mantidos por N ms até o fim da transação; "
            + "reescreveu accounts; as leituras de accounts esperaram; as escritas em accounts, orders esperaram [trace]\n"
        + v3 + ":1:1: note: executou fora de um bloco de transação por N ms; bloqueios vistos por amostragem: "
            + "SAMPLED [trace]\n");
    String database = newDatabase();
    sql(database, "CREATE TABLE customers (id int); INSERT INTO customers VALUES (1)");
    CliRunner.Result refused = CliRunner.run("trace", "--lang", "pt", "--database-url", url(database), all);
    assertThat(refused.err()).isEqualTo("lockstep: postgresql://postgres@127.0.0.1:" + server.port() + "/" + database
        + ": customers tem linhas: o trace roda só em bancos de dados temporários (passe --allow-nonempty para rastrear "
        + "mesmo assim)\n");
    Path broken = dir.resolve("V9__broken.sql");
    Files.writeString(broken, "SET lock_timeout = '2s';\nALTER TABLE missing ADD COLUMN x int;\n");
    CliRunner.Result failed = CliRunner.run("trace", "--lang", "es", "--database-url", url(newDatabase()), "--format", "gcc",
        broken.toString());
    assertThat(failed.out()).isEqualTo(broken + ":1:1: error: la línea 2 falló en el servidor: relation \"missing\" does not "
        + "exist (no se trazó nada después) [input-error]\n");
  }

  @Test
  void reportsEachStatementsLocksRewritesAndWhatWaitsInTheToolsTransactions() throws Exception {
    String database = newDatabase();
    CliRunner.Result r = CliRunner.run("trace", "--database-url", url(database), "--format", "gcc", migrations().toString());
    assertThat(r.code()).as(r.err()).isZero();
    String v1 = migrations().resolve("V1__schema.sql").toString();
    String v2 = migrations().resolve("V2__changes.sql").toString();
    String v3 = migrations().resolve("V3__concurrently.sql").toString();
    assertThat(steady(r.out())).isEqualTo(
        v1 + ":1:1: note: took ACCESS EXCLUSIVE on accounts, ACCESS EXCLUSIVE on accounts_pkey, held N ms until its "
            + "transaction ended [trace]\n"
        + v1 + ":2:1: note: took ACCESS EXCLUSIVE on orders, ACCESS EXCLUSIVE on orders_pkey, held N ms until its "
            + "transaction ended [trace]\n"
        + v2 + ":1:1: note: took no new table locks [trace]\n"
        + v2 + ":2:1: warning: took ACCESS EXCLUSIVE on accounts, held N ms until its transaction ended; reads of "
            + "accounts waited; writes to accounts waited [trace]\n"
        + v2 + ":3:1: warning: took SHARE on orders, ACCESS EXCLUSIVE on orders_account_idx, held N ms until its "
            + "transaction ended; reads of accounts waited; writes to accounts, orders waited [trace]\n"
        + v2 + ":4:1: warning: took ACCESS EXCLUSIVE on accounts_pkey, held N ms until its transaction ended; rewrote "
            + "accounts; reads of accounts waited; writes to accounts, orders waited [trace]\n"
        + v3 + ":1:1: note: ran outside a transaction block for N ms; locks seen by sampling: "
            + r.out().replaceAll("(?s).*locks seen by sampling: ([^\\[]*) \\[trace\\]\\n$", "$1") + " [trace]\n");
    // Nothing was kept: the migrations ran in a copy, which is gone.
    assertThat(query(database, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).isEmpty();
    assertThat(query("postgres", "SELECT datname FROM pg_database WHERE datname LIKE 'lockstep_trace_%'")).isEmpty();
    assertThat(r.out() + r.err()).doesNotContain("s3cret");
  }

  @Test
  void commitKeepsTheChangesAndJsonCarriesTheLocks() throws Exception {
    String database = newDatabase();
    CliRunner.Result r = CliRunner.run("trace", "--database-url", url(database), "--commit", "--format", "json",
        migrations().toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(query(database, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"))
        .containsExactly("accounts", "orders");
    JsonNode alter = new ObjectMapper().readTree(r.out()).at("/findings/3");
    assertThat(alter.at("/start/line").asInt()).isEqualTo(2);
    assertThat(alter.at("/lock/relations/0").toString()).isEqualTo("{\"relation\":\"accounts\",\"mode\":\"ACCESS EXCLUSIVE\"}");
    assertThat(alter.at("/lock/blocksReads").asBoolean()).isTrue();
  }

  @Test
  void refusesADatabaseWithRowsUnlessAllowedAndNeverPrintsTheCredentials() throws Exception {
    String database = newDatabase();
    sql(database, "CREATE TABLE customers (id int); INSERT INTO customers VALUES (1)");
    CliRunner.Result refused = CliRunner.run("trace", "--database-url", url(database), migrations().toString());
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).isEqualTo("lockstep: postgresql://postgres@127.0.0.1:" + server.port() + "/" + database
        + ": customers holds rows: trace runs against scratch databases only (pass --allow-nonempty to trace anyway)\n");
    CliRunner.Result allowed = CliRunner.run("trace", "--database-url", url(database), "--allow-nonempty",
        migrations().toString());
    assertThat(allowed.code()).as(allowed.err()).isZero();
    assertThat(refused.out() + refused.err() + allowed.out() + allowed.err()).doesNotContain("s3cret");
  }

  @Test
  void aFailingStatementStopsTheTraceWithItsLine() throws Exception {
    Path file = dir.resolve("V9__broken.sql");
    Files.writeString(file, "SET lock_timeout = '2s';\nALTER TABLE missing ADD COLUMN x int;\n");
    CliRunner.Result r = CliRunner.run("trace", "--database-url", url(newDatabase()), "--format", "gcc", file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEqualTo(file + ":1:1: error: line 2 failed on the server: relation \"missing\" does not exist "
        + "(nothing after it was traced) [input-error]\n");
  }

  @Test
  void failLevelWarningFailsTheRunWhenAStatementBlocksAndLintOnlyOptionsAreRefused() throws Exception {
    CliRunner.Result r = CliRunner.run("trace", "--database-url", url(newDatabase()), "--fail-level", "warning",
        "--format", "json", migrations().toString());
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    CliRunner.Result refused = CliRunner.run("trace", "--database-url", url(newDatabase()), "--baseline", "b.json",
        migrations().toString());
    assertThat(refused.code()).isEqualTo(2);
    // options that choose lint findings are not trace's: refused, not ignored
    assertThat(refused.err()).startsWith("lockstep: Unknown option: '--baseline'\n");
  }

  @Test
  void embeddedStartsItsOwnServer() throws Exception {
    CliRunner.Result r = CliRunner.run("trace", "--embedded", "--format", "gcc", migrations().resolve("V1__schema.sql").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).startsWith("lockstep: tracing on a throwaway PostgreSQL ");
    assertThat(steady(r.out())).contains("V1__schema.sql:2:1: note: took ACCESS EXCLUSIVE on orders");
  }
}
