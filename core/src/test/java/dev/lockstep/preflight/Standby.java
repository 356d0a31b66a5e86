package dev.lockstep.preflight;

import dev.lockstep.pg.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A physical standby of a test server, made as the PostgreSQL manual's "Making a Base Backup Using
 * the Low Level API" describes (pg_backup_start, a copy of the data folder, pg_backup_stop's
 * backup_label), streaming through a replication slot of the given name, started as a second
 * server on this machine. Its walreceiver reports every second, under the cluster name as application name.
 */
final class Standby implements AutoCloseable {
  private final EmbeddedPostgres primary;
  private final Path bin;
  private final Path data;
  private final int port;
  private boolean running;

  private Standby(EmbeddedPostgres primary, Path bin, Path data, int port) {
    this.primary = primary;
    this.bin = bin;
    this.data = data;
    this.port = port;
  }

  static Standby start(EmbeddedPostgres primary, Path bin, String name) throws IOException, InterruptedException, SQLException {
    Path data = primary.dir().resolve("standby-" + name);
    Path primaryData = primary.dir().resolve("data");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    // A base backup with the low-level API (the binaries of some majors have no pg_basebackup);
    // the standby takes the primary's max_locks_per_transaction, which recovery requires:
    // the slot first, so that the primary keeps the WAL from the backup's start on.
    try (Connection c = DriverManager.getConnection(primary.jdbcUrl("postgres")); Statement s = c.createStatement()) {
      s.execute("SELECT pg_create_physical_replication_slot('" + name + "', true)");
      s.execute("SELECT pg_backup_start('lockstep standby " + name + "', true)");
      primary.asServerUser(List.of("sh", "-c", "cp -a \"$1\" \"$2\" && rm -f \"$2/postmaster.pid\" \"$2/postmaster.opts\" "
          + "&& find \"$2/pg_wal\" -type f -delete", "sh", primaryData.toString(), data.toString()));
      String label;
      try (ResultSet rs = s.executeQuery("SELECT labelfile FROM pg_backup_stop(false)")) {
        rs.next();
        label = rs.getString(1);
      }
      primary.asServerUser(List.of("sh", "-c", "printf '%s' \"$3\" > \"$1/backup_label\" && touch \"$1/standby.signal\" "
              + "&& printf \"primary_conninfo = 'host=127.0.0.1 port=%s user=postgres'\\nprimary_slot_name = '%s'\\n\" \"$2\" \"$4\" "
              + ">> \"$1/postgresql.auto.conf\"",
          "sh", data.toString(), String.valueOf(primary.port()), label, name));
    }
    Standby standby = new Standby(primary, bin, data, port);
    Path log = primary.dir().resolve("standby-" + name + ".log");
    try {
      primary.asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(), "-w",
          "-t", "60", "start", "-o", "-p " + port + " -k " + primary.dir() + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_locks_per_transaction=256"
              + " -c wal_receiver_status_interval=1 -c cluster_name=" + name));
    } catch (IOException e) {
      throw new IOException(e.getMessage() + "\n" + Files.readString(log), e);
    }
    standby.running = true;
    return standby;
  }

  int port() {
    return port;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres");
  }

  /** Stops the standby at once, as a replica that crashed or was switched off; its slot on the primary stays. */
  void stop() throws IOException, InterruptedException {
    if (!running) return;
    running = false;
    primary.asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop"));
  }

  @Override
  public void close() throws IOException, InterruptedException {
    stop();
  }
}
