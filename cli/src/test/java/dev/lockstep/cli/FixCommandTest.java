package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixCommandTest {
  @TempDir
  Path dir;

  static final String BAD = "SET lock_timeout = '2s';\nCREATE INDEX orders_user_idx ON orders (user_id);\n";
  static final String GOOD = "SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY orders_user_idx ON orders (user_id);\n";

  Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void fixesInPlaceKeepingPermissionsAndIsIdempotent() throws Exception {
    Path f = write("0001_idx.sql", BAD);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
    CliRunner.Result r = CliRunner.run("fix", f.toString());
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEqualTo("fixed " + f + "\n");
    assertThat(Files.readString(f)).isEqualTo(GOOD);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-r-----");
    assertThat(CliRunner.run("fix", f.toString()).err()).isEmpty(); // nothing left to fix
    assertThat(Files.readString(f)).isEqualTo(GOOD);
    try (var list = Files.list(dir)) {
      assertThat(list.map(p -> p.getFileName().toString())).containsExactly("0001_idx.sql"); // no temp files left
    }
  }

  @Test
  void keepsCrlfLineEndingsAndTheByteOrderMark() throws Exception {
    Path f = dir.resolve("0002_crlf.sql");
    Files.write(f, ("\uFEFF" + BAD.replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8));
    assertThat(CliRunner.run("fix", "--unsafe-fixes", f.toString()).code()).isZero();
    assertThat(new String(Files.readAllBytes(f), StandardCharsets.UTF_8)).isEqualTo("\uFEFF" + GOOD.replace("\n", "\r\n"));
  }

  @Test
  void twoFixesOnOneStatementLandOverTwoPassesAndStayValid() throws Exception {
    Path f = write("0004_fks.sql", "ALTER TABLE tenants ADD CONSTRAINT tenants_controller_fk FOREIGN KEY (controller_id) "
        + "REFERENCES controllers (id), ADD CONSTRAINT tenants_worker_fk FOREIGN KEY (worker_id) REFERENCES workers (id);\n");
    assertThat(CliRunner.run("fix", "--unsafe-fixes", f.toString()).code()).isZero();
    assertThat(Files.readString(f)).isEqualTo("SET lock_timeout = '2s';\n"
        + "ALTER TABLE tenants ADD CONSTRAINT tenants_controller_fk FOREIGN KEY (controller_id) REFERENCES controllers (id) "
        + "NOT VALID, ADD CONSTRAINT tenants_worker_fk FOREIGN KEY (worker_id) REFERENCES workers (id) NOT VALID;\n"
        + "ALTER TABLE tenants VALIDATE CONSTRAINT tenants_worker_fk;\n"
        + "ALTER TABLE tenants VALIDATE CONSTRAINT tenants_controller_fk;\n");
  }

  @Test
  void unsafeFixesOnlyWhenAsked() throws Exception {
    Path f = write("0003_ddl.sql", "ALTER TABLE orders ADD COLUMN note text;\n");
    assertThat(CliRunner.run("fix", f.toString()).code()).isZero();
    assertThat(Files.readString(f)).isEqualTo("ALTER TABLE orders ADD COLUMN note text;\n");
    assertThat(CliRunner.run("fix", "--unsafe-fixes", f.toString()).code()).isZero();
    assertThat(Files.readString(f)).isEqualTo("SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n");
  }

  @Test
  void diffAndCheckChangeNothing() throws Exception {
    Path f = write("0004_idx.sql", BAD);
    CliRunner.Result diff = CliRunner.run("fix", "--diff", f.toString());
    assertThat(diff.code()).isZero();
    assertThat(diff.out()).isEqualTo("--- a/" + f + "\n+++ b/" + f + "\n@@ -1,2 +1,2 @@\n SET lock_timeout = '2s';\n"
        + "-CREATE INDEX orders_user_idx ON orders (user_id);\n+CREATE INDEX CONCURRENTLY orders_user_idx ON orders (user_id);\n");
    CliRunner.Result check = CliRunner.run("fix", "--check", f.toString());
    assertThat(check.code()).isEqualTo(1);
    assertThat(check.out()).isEqualTo("would fix " + f + "\n");
    assertThat(Files.readString(f)).isEqualTo(BAD);
    assertThat(CliRunner.run("fix", "--check", write("0005_ok.sql", GOOD).toString()).code()).isZero();
  }

  @Test
  void aFileThatDoesNotParseIsLeftUntouched() throws Exception {
    String broken = "CREATE INDEX i ON t (x);\nSELEC 1;\n";
    Path f = write("0006_broken.sql", broken);
    CliRunner.Result r = CliRunner.run("fix", f.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo(f + ": it does not parse (syntax error at or near \"SELEC\" at 2:1); left untouched\n");
    assertThat(Files.readString(f)).isEqualTo(broken);
  }

  @Test
  void stdinToStdout() {
    InputStream saved = System.in;
    try {
      System.setIn(new ByteArrayInputStream(BAD.getBytes(StandardCharsets.UTF_8)));
      CliRunner.Result r = CliRunner.run("fix", "-", "--stdin-filename", "0007_stdin.sql");
      assertThat(r.code()).isZero();
      assertThat(r.out()).isEqualTo(GOOD);
    } finally {
      System.setIn(saved);
    }
  }
}
