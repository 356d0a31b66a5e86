package dev.lockstep.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.engine.Limits;
import dev.lockstep.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlFilesTest {
  @TempDir
  Path dir;

  @Test
  void aFileRemovedBetweenListingAndReadingIsReportedAndTheOthersAreRead() throws Exception {
    Files.writeString(dir.resolve("V1__a.sql"), "SELECT 1;\n");
    Files.writeString(dir.resolve("V2__b.sql"), "SELECT 2;\n");
    Files.write(dir.resolve("V3__c.sql"), new byte[] {(byte) 0xff, 0, 1});
    Files.writeString(dir.resolve("V4__d.sql"), "SELECT 4;\n".repeat(100));
    SqlFiles listed = SqlFiles.collect(List.of(dir));
    assertThat(listed.files()).hasSize(4);
    Files.delete(dir.resolve("V2__b.sql"));

    SqlFiles.Read read = SqlFiles.read(listed.files(), new Limits(500, 1000));

    assertThat(read.sources()).extracting(SourceFile::path).containsExactly(dir.resolve("V1__a.sql").toString());
    assertThat(read.problems()).extracting(InputProblem::describe).containsExactly(
        dir.resolve("V2__b.sql") + ": no such file or directory",
        dir.resolve("V3__c.sql") + ": is a binary file, not SQL text",
        dir.resolve("V4__d.sql") + ": is 1000 bytes, larger than max-file-size (500 bytes): not checked (raise max-file-size to check it)");
  }
}
