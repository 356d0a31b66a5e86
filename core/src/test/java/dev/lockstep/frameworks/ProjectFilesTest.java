package dev.lockstep.frameworks;

import dev.lockstep.i18n.Text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .env and package.json are read one way: bounded, and an unreadable one is a one-line note, never a verdict. */
class ProjectFilesTest {
  @TempDir
  Path dir;

  private static final String SQL = "CREATE INDEX CONCURRENTLY orders_idx ON orders (id);\n";

  @Test
  void aPackageJsonThatIsNotJsonIsANoteAndMarkersDecide() throws Exception {
    Files.createDirectories(dir.resolve(".git"));
    Files.writeString(dir.resolve("package.json"), "{\"dependencies\": {\"node-pg-migrate\": ");
    Path file = Files.createDirectories(dir.resolve("migrations")).resolve("1717000000000_idx.sql");
    Files.writeString(file, SQL);
    FrameworkDetector.Detection d = FrameworkDetector.detect(file, SQL);
    assertThat(d.framework()).isEqualTo(Framework.PLAIN);
    assertThat(d.notes()).extracting(Text::english).containsExactly(Canonical.of(dir).resolve("package.json")
        + " cannot be read (not JSON); files there are detected by their markers only");
  }

  @Test
  void aDotEnvTooLargeToReadIsANoteAndMarkersDecide() throws Exception {
    Files.createDirectories(dir.resolve(".git"));
    Files.writeString(dir.resolve(".env"), "DBMATE_MIGRATIONS_DIR=db\n" + "#".repeat(2 << 20) + "\n");
    Path file = Files.createDirectories(dir.resolve("db")).resolve("20240101000000_idx.sql");
    Files.writeString(file, SQL);
    FrameworkDetector.Detection d = FrameworkDetector.detect(file, SQL);
    assertThat(d.framework()).isNotEqualTo(Framework.DBMATE);
    assertThat(d.notes()).extracting(Text::english).containsExactly(Canonical.of(dir).resolve(".env")
        + " cannot be read (larger than the limit); files there are detected by their markers only");
  }

  @Test
  void aReadableDotEnvNamesItsFolder() throws Exception {
    Files.createDirectories(dir.resolve(".git"));
    Files.writeString(dir.resolve(".env"), "DATABASE_URL=postgres://u:secret@h/db\nDBMATE_MIGRATIONS_DIR=db\n");
    Path file = Files.createDirectories(dir.resolve("db")).resolve("20240101000000_idx.sql");
    Files.writeString(file, SQL);
    FrameworkDetector.Detection d = FrameworkDetector.detect(file, SQL);
    assertThat(d.framework()).isEqualTo(Framework.DBMATE);
    assertThat(d.evidence().english()).isEqualTo(".env DBMATE_MIGRATIONS_DIR=db");
    assertThat(d.notes()).isEmpty();
  }
}
