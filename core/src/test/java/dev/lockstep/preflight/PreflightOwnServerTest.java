package dev.lockstep.preflight;

import static dev.lockstep.preflight.PreflightServerTest.lint;
import static dev.lockstep.preflight.PreflightServerTest.one;
import static dev.lockstep.preflight.PreflightServerTest.sql;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.engine.LockMode;
import dev.lockstep.engine.Severity;
import dev.lockstep.pg.ConnectionSettings;
import dev.lockstep.pg.EmbeddedPostgres;
import dev.lockstep.pg.PostgresServer;
import dev.lockstep.report.LintReport;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Preflight against what only a server of the test's own can show, on PostgreSQL 15 and 18: an
 * autovacuum the server itself starts to prevent wraparound, and a real standby that lags and then
 * goes away, leaving its replication slot inactive.
 */
class PreflightOwnServerTest {
  /** Enough transaction ids to pass autovacuum_freeze_max_age's minimum, 100,000. */
  private static final int TRANSACTION_IDS = 100_500;

  static PreflightReport preflight(int port, LintReport lint, Thresholds limits) throws SQLException {
    DatabaseAddress address = DatabaseAddress.of(ConnectionSettings.parse("postgresql://postgres@127.0.0.1:" + port
        + "/postgres"));
    try (Connection c = Sessions.readOnly(address)) {
      return Preflight.run(c, address.display(), lint, limits);
    }
  }

  static Connection connect(EmbeddedPostgres server) throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl("postgres"));
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(ints = {15, 18})
  void anAutovacuumToPreventWraparoundOnATableTheMigrationAltersMakesItNotReady(int major) throws Exception {
    Path bin = PostgresServer.binariesOf(major);
    try (EmbeddedPostgres server = EmbeddedPostgres.start(bin, List.of("autovacuum=on", "autovacuum_naptime=1"));
         Connection c = connect(server)) {
      // The table's own autovacuum_freeze_max_age at its minimum makes it due for an anti-wraparound vacuum
      // after 100,000 transactions; ordinary autovacuum is off for it, and its vacuum sleeps 100 ms a page,
      // so the one the server starts is still running when preflight looks.
      sql(c, "CREATE TABLE ledger (id int, note text) WITH (autovacuum_enabled = off, autovacuum_freeze_max_age = 100000,"
              + " autovacuum_vacuum_cost_delay = 100, autovacuum_vacuum_cost_limit = 1)",
          "INSERT INTO ledger SELECT g, repeat('x', 100) FROM generate_series(1, 50000) g",
          "CREATE TABLE burn (x int)",
          // each subtransaction that writes is given a transaction id of its own
          "DO $$ BEGIN FOR i IN 1.." + TRANSACTION_IDS + " LOOP BEGIN INSERT INTO burn VALUES (i); "
              + "EXCEPTION WHEN others THEN NULL; END; END LOOP; END $$");
      assertThat(Long.parseLong(one(c, "SELECT age(relfrozenxid) FROM pg_class WHERE relname = 'ledger'")))
          .isGreaterThan(100_000);
      String waitFor = "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker' "
          + "AND query LIKE '%public.ledger (to prevent wraparound)'";
      for (int i = 0; i < 600 && one(c, waitFor).equals("0"); i++) Thread.sleep(100);
      assertThat(one(c, waitFor)).isEqualTo("1");

      LintReport widen = lint("db/V5__ledger.sql", "SET lock_timeout = '2s';\nALTER TABLE ledger ALTER COLUMN id TYPE bigint;\n");
      PreflightReport report = preflight(server.port(), widen, Thresholds.defaults());
      assertThat(report.status()).isEqualTo(PreflightReport.Status.NOT_READY);
      assertThat(report.sessions()).hasSize(1);
      BlockingSession vacuum = report.sessions().get(0);
      assertThat(vacuum.reason()).isEqualTo(BlockingSession.Reason.WRAPAROUND_AUTOVACUUM);
      assertThat(vacuum.severity()).isEqualTo(Severity.ERROR);
      assertThat(vacuum.backendType()).isEqualTo("autovacuum worker");
      assertThat(vacuum.held()).isEqualTo(LockMode.SHARE_UPDATE_EXCLUSIVE);
      assertThat(vacuum.granted()).isTrue();
      assertThat(vacuum.query()).matches("autovacuum: VACUUM (ANALYZE )?public\\.ledger \\(to prevent wraparound\\)");
      assertThat(vacuum.describe().english()).matches("pid \\d+ \\(autovacuum worker\\) is an autovacuum to prevent wraparound "
          + "\\(DDL cannot cancel it\\) holding SHARE UPDATE EXCLUSIVE on public\\.ledger, transaction open for \\d+ s; "
          + "db/V5__ledger\\.sql:2:1 \\[ban-column-type-change\\] needs ACCESS EXCLUSIVE, which waits for it");

      // A migration on another table is not held up by it.
      LintReport other = lint("db/V6__burn.sql", "SET lock_timeout = '2s';\nALTER TABLE burn ALTER COLUMN x TYPE bigint;\n");
      assertThat(preflight(server.port(), other, Thresholds.defaults()).status()).isEqualTo(PreflightReport.Status.READY);
    }
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(ints = {15, 18})
  void aStandbyWhoseReplayIsPausedLagsAndOnceItIsGoneItsSlotIsInactive(int major) throws Exception {
    Path bin = PostgresServer.binariesOf(major);
    Thresholds oneSecond = new Thresholds(5_000, 1_000, 1L << 30);
    try (EmbeddedPostgres primary = EmbeddedPostgres.start(bin); Connection c = connect(primary)) {
      sql(c, "CREATE TABLE orders (id int, note text)");
      try (Standby standby = Standby.start(primary, bin, "replica_eu")) {
        try (Connection s = standby.connect()) {
          assertThat(one(s, "SELECT pg_is_in_recovery()")).isEqualTo("t");
          sql(s, "SELECT pg_wal_replay_pause()");
        }
        // Writes keep arriving; the standby receives them but does not replay them.
        ReplicationWarning lag = null;
        for (int i = 0; i < 120 && lag == null; i++) {
          sql(c, "INSERT INTO orders SELECT g, 'x' FROM generate_series(1, 1000) g");
          Thread.sleep(250);
          lag = preflight(primary.port(), null, oneSecond).replication().stream()
              .filter(w -> w.kind().equals("replica")).findFirst().orElse(null);
        }
        assertThat(lag).isNotNull();
        assertThat(lag.name()).isEqualTo("replica_eu");
        assertThat(lag.lagSeconds()).isGreaterThan(1.0);
        assertThat(lag.retainedBytes()).isPositive();
        assertThat(lag.message().english()).matches("replica 'replica_eu' replays \\d+\\.\\d s behind \\(\\d+ (bytes|kB|MB) of WAL\\), "
            + "more than 1\\.0 s: a rewrite's WAL adds to it");
        PreflightReport lagging = preflight(primary.port(), null, oneSecond);
        assertThat(lagging.status()).isEqualTo(PreflightReport.Status.READY); // a warning, not a blocker
        // Its slot is in use: not reported while it retains less than the limit.
        assertThat(lagging.replication()).extracting(ReplicationWarning::kind).containsOnly("replica");
        // Under the default 30 s limit the same lag is no warning.
        assertThat(preflight(primary.port(), null, Thresholds.defaults()).replication()).isEmpty();
        standby.stop();
      }
      // The standby is gone: its slot stays behind, inactive, and keeps every WAL file from its position.
      for (int i = 0; i < 100 && one(c, "SELECT active FROM pg_replication_slots").equals("t"); i++) Thread.sleep(100);
      // (committed synchronously: the test server's commits are asynchronous, and the slot is measured to the WAL written)
      sql(c, "SET synchronous_commit = on", "INSERT INTO orders SELECT g, 'x' FROM generate_series(1, 1000) g");
      PreflightReport gone = preflight(primary.port(), null, oneSecond);
      assertThat(gone.replication()).hasSize(1);
      ReplicationWarning slot = gone.replication().get(0);
      assertThat(slot.kind()).isEqualTo("slot");
      assertThat(slot.name()).isEqualTo("replica_eu");
      assertThat(slot.active()).isFalse();
      assertThat(slot.retainedBytes()).isPositive();
      assertThat(slot.message().english()).matches("inactive physical replication slot 'replica_eu' retains \\d+ (bytes|kB|MB) of WAL: "
          + "the server keeps every WAL file from its position on, and a rewrite writes the table's size again to WAL "
          + "\\(drop the slot with pg_drop_replication_slot if its consumer is gone\\)");
      assertThat(gone.status()).isEqualTo(PreflightReport.Status.READY);
    }
  }
}
