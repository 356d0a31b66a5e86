package dev.lockstep.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Database addresses read with libpq's rules; what does not parse names the wrong part, never a password. */
class ConnectionSettingsTest {
  @TempDir
  Path home;

  ConnectionSettings parse(String url, Map<String, String> env) {
    return ConnectionSettings.parse(url, env, home);
  }

  ConnectionSettings parse(String url) {
    return parse(url, Map.of());
  }

  @Test
  void aPasswordWithSlashOrPlusIsDecodedAsLibpqDoesAndNeverShown() {
    ConnectionSettings s = parse("postgresql://app:p%2Fw+rd%21@db.internal:6543/scratch?sslmode=disable");
    assertThat(s.properties().getProperty("password")).isEqualTo("p/w+rd!");
    assertThat(s.properties().getProperty("user")).isEqualTo("app");
    assertThat(s.properties().getProperty("sslmode")).isEqualTo("disable");
    assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/scratch");
    assertThat(s.redacted()).isEqualTo("postgresql://app@db.internal:6543/scratch");
    assertThat(s.mask("FATAL: auth failed for p/w+rd! (p%2Fw%2Brd%21)")).isEqualTo("FATAL: auth failed for *** (***)");
    assertThat(s.toString()).doesNotContain("p/w");
  }

  @Test
  void aHostWithUnderscoreIsLegalAsInLibpq() {
    ConnectionSettings s = parse("postgres://app:secret@pg_host:5433/app");
    assertThat(s.endpoints()).containsExactly(new ConnectionSettings.Endpoint("pg_host", 5433));
    assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://pg_host:5433/app");
  }

  @Test
  void whatDoesNotParseIsAnErrorNamingThePartNeverLocalhost() {
    assertThatThrownBy(() -> parse("postgresql://app:secret@db:543x1/app", Map.of("PGPASSWORD", "envpw")))
        .isInstanceOf(ConnectionSettings.Invalid.class).hasMessage("port '543x1' is not a number from 1 to 65535");
    assertThatThrownBy(() -> parse("postgresql://app:se@cret@db/app"))
        .hasMessage("the URL has an '@' after its user part: an '@', '/' or '?' in a user name or password must be "
            + "percent-encoded (%40, %2F, %3F)");
    assertThatThrownBy(() -> parse("postgresql://app:se/cret@db/app"))
        .hasMessageNotContaining("cret").hasMessageStartingWith("the URL has an '@' after its user part");
    assertThatThrownBy(() -> parse("postgresql://app:se#cret@db/app"))
        .hasMessage("the URL holds an unescaped '#' (in a password, write it as %23)");
    assertThatThrownBy(() -> parse("postgresql://db/app?sslmode=sometimes"))
        .hasMessage("sslmode 'sometimes' is not one of disable, allow, prefer, require, verify-ca, verify-full");
    assertThatThrownBy(() -> parse("postgresql://db/app?colour=blue"))
        .hasMessage("unknown connection setting 'colour' in the URI");
    assertThatThrownBy(() -> parse("postgresql://db/app?channel_binding=require"))
        .hasMessage("channel_binding: a libpq setting the PostgreSQL JDBC driver has no equivalent for");
    assertThatThrownBy(() -> parse("postgresql://d%zzb/app")).hasMessage("host: '%' must be followed by two hexadecimal "
        + "digits (write a literal % as %25)");
    assertThatThrownBy(() -> parse("postgresql://db host/app"))
        .hasMessage("host 'db host' is not a host name, an IP address or a socket folder (an absolute path)");
    assertThatThrownBy(() -> parse("host=db port")).hasMessageStartingWith("'port' has no '=' after it");
    assertThatThrownBy(() -> parse("postgresql://db:70000/app")).hasMessage("port '70000' is not a number from 1 to 65535");
  }

  @Test
  void passwordsComeFromTheQueryTheEnvironmentThenThePasswordFile() throws Exception {
    assertThat(parse("postgresql://app@db/app?password=q%26uery").properties().getProperty("password")).isEqualTo("q&uery");
    assertThat(parse("postgresql://app@db/app", Map.of("PGPASSWORD", "fromenv")).properties().getProperty("password"))
        .isEqualTo("fromenv");
    Path pgpass = home.resolve(".pgpass");
    Files.writeString(pgpass, "# comment\nother:*:*:*:nope\ndb:5432:app:app:pa\\:ss\\\\word\n");
    Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
    ConnectionSettings s = parse("postgresql://app@db/app");
    assertThat(s.properties().getProperty("password")).isEqualTo("pa:ss\\word");
    assertThat(s.warnings()).isEmpty();
    Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-r--r--"));
    ConnectionSettings open = parse("postgresql://app@db/app");
    assertThat(open.hasPassword()).isFalse();
    assertThat(open.warnings()).containsExactly("password file " + pgpass + " has group or world access and is "
        + "ignored; permissions should be u=rw (0600) or less");
  }

  @Test
  void theEnvironmentFillsWhatTheAddressLeavesOutAndTheServiceFileComesBeforeIt() throws Exception {
    ConnectionSettings env = parse("", Map.of("PGHOST", "pg_host", "PGPORT", "5433", "PGUSER", "ops", "PGDATABASE", "shop"));
    assertThat(env.redacted()).isEqualTo("postgresql://ops@pg_host:5433/shop");
    assertThatThrownBy(() -> parse("", Map.of("PGHOST", "db", "PGPORT", "543x1")))
        .hasMessage("port '543x1' is not a number from 1 to 65535");
    Files.writeString(home.resolve(".pg_service.conf"), "# services\n[staging]\nhost=stage.internal\nport=6000\n"
        + "dbname=shop\nuser=svc\npassword=from service\n[other]\nhost=x\n");
    ConnectionSettings svc = parse("service=staging dbname='my db'", Map.of("PGPORT", "7000", "PGHOST", "ignored"));
    assertThat(svc.redacted()).isEqualTo("postgresql://svc@stage.internal:6000/my%20db");
    assertThat(svc.properties().getProperty("password")).isEqualTo("from service");
    assertThat(parse("postgresql:///shop", Map.of("PGSERVICE", "staging")).endpoints())
        .containsExactly(new ConnectionSettings.Endpoint("stage.internal", 6000));
    assertThatThrownBy(() -> parse("postgresql:///shop?service=missing"))
        .hasMessageStartingWith("service 'missing' is not defined in " + home.resolve(".pg_service.conf"));
  }

  @Test
  void unixSocketsMultipleHostsAndKeywordStrings() {
    ConnectionSettings socket = parse("postgresql://%2Fvar%2Frun%2Fpg:5439/app?user=me");
    assertThat(socket.endpoints()).containsExactly(new ConnectionSettings.Endpoint("/var/run/pg", 5439));
    assertThat(socket.properties().getProperty("socketFactoryArg")).isEqualTo("/var/run/pg/.s.PGSQL.5439");
    assertThat(socket.redacted()).isEqualTo("postgresql://me@%2Fvar%2Frun%2Fpg:5439/app");
    assertThat(parse("host=/tmp dbname=app user=me").endpoints().get(0).socket()).isTrue();
    // no host anywhere: libpq's default is the local socket, never localhost:5432 over TCP
    assertThat(parse("postgresql:///app").endpoints().get(0).socket()).isTrue();
    ConnectionSettings two = parse("postgresql://a:5432,[::1]:5433/app?target_session_attrs=read-write");
    assertThat(two.jdbcUrl()).isEqualTo("jdbc:postgresql://a:5432,[::1]:5433/app");
    assertThat(two.properties().getProperty("targetServerType")).isEqualTo("primary");
    ConnectionSettings kw = parse("host=db user=app password='it\\'s a \\\\ quote' application_name=lockstep");
    assertThat(kw.properties().getProperty("password")).isEqualTo("it's a \\ quote");
    assertThat(kw.properties().getProperty("ApplicationName")).isEqualTo("lockstep");
    ConnectionSettings jdbc = parse("jdbc:postgresql://db/app?user=app&prepareThreshold=0");
    assertThat(jdbc.properties().getProperty("prepareThreshold")).isEqualTo("0");
  }

  @Test
  void theDriversLogWarningsAreMasked() {
    ConnectionSettings s = parse("postgresql://app:hunter%2F2@db/app");
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    SecretMask.routeDriverLogging(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
    Logger.getLogger("org.postgresql.Driver").log(Level.WARNING, "JDBC URL invalid port number: {0}",
        "postgresql://app:hunter/2@db/app and hunter/2");
    assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(
        "lockstep: PostgreSQL driver: JDBC URL invalid port number: postgresql://app:***@db/app and ***\n");
    assertThat(s.hasPassword()).isTrue();
  }
}
