package dev.lockstep.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitWriterTest {
  @TempDir
  Path dir;

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  List<String> names() throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void writesNewFilesThenTheOriginal() throws Exception {
    Path original = Files.writeString(dir.resolve("V2__a.sql"), "A;\nB;\n");
    SplitWriter.write(original, List.of(
        new SplitWriter.Write(dir.resolve("sub/V2.1__b.sql"), null, bytes("B;\n")),
        new SplitWriter.Write(original, bytes("A;\nB;\n"), bytes("A;\n"))));
    assertThat(Files.readString(original)).isEqualTo("A;\n");
    assertThat(Files.readString(dir.resolve("sub/V2.1__b.sql"))).isEqualTo("B;\n");
    assertThat(names()).containsExactly("V2__a.sql", "sub", "sub/V2.1__b.sql");
  }

  @Test
  void anExistingTargetIsNeverOverwrittenAndNothingIsWritten() throws Exception {
    Path original = Files.writeString(dir.resolve("V2__a.sql"), "A;\nB;\n");
    Files.writeString(dir.resolve("V2.2__c.sql"), "mine\n");
    assertThatThrownBy(() -> SplitWriter.write(original, List.of(
        new SplitWriter.Write(dir.resolve("V2.1__b.sql"), null, bytes("B;\n")),
        new SplitWriter.Write(dir.resolve("V2.2__c.sql"), null, bytes("C;\n")),
        new SplitWriter.Write(original, bytes("A;\nB;\n"), bytes("A;\n")))))
        .hasMessageContaining("V2.2__c.sql exists already");
    assertThat(Files.readString(original)).isEqualTo("A;\nB;\n");
    assertThat(Files.readString(dir.resolve("V2.2__c.sql"))).isEqualTo("mine\n");
    assertThat(names()).containsExactly("V2.2__c.sql", "V2__a.sql");
  }

  @Test
  void anOriginalChangedOnDiskUndoesTheWholeSplit() throws Exception {
    Path original = Files.writeString(dir.resolve("0001_a.sql"), "edited meanwhile\n");
    Path journal = Files.writeString(dir.resolve("_journal.json"), "{}");
    assertThatThrownBy(() -> SplitWriter.write(original, List.of(
        new SplitWriter.Write(dir.resolve("p/0002_b.sql"), null, bytes("B;\n")),
        new SplitWriter.Write(journal, bytes("{}"), bytes("{\"entries\":[]}")),
        new SplitWriter.Write(original, bytes("A;\nB;\n"), bytes("A;\n")))))
        .hasMessageContaining("changed on disk");
    assertThat(Files.readString(original)).isEqualTo("edited meanwhile\n");
    assertThat(Files.readString(journal)).isEqualTo("{}");
    assertThat(names()).containsExactly("0001_a.sql", "_journal.json");
  }

  @Test
  void aRollbackKeepsTheFilesAndFoldersThatWereThereBefore() throws Exception {
    Path original = Files.writeString(dir.resolve("0001_a.sql"), "edited meanwhile\n");
    Path leftover = Files.writeString(Files.createDirectories(dir.resolve("0002_b")).resolve("migration.sql"), "B;\n");
    Files.createDirectories(dir.resolve("0003_c"));
    assertThatThrownBy(() -> SplitWriter.write(original, List.of(
        new SplitWriter.Write(leftover, null, bytes("B;\n")), // left by a stopped run: reused, not this run's
        new SplitWriter.Write(dir.resolve("0003_c/migration.sql"), null, bytes("C;\n")),
        new SplitWriter.Write(dir.resolve("0004_d/migration.sql"), null, bytes("D;\n")),
        new SplitWriter.Write(original, bytes("A;\nB;\n"), bytes("A;\n")))))
        .hasMessageContaining("changed on disk");
    assertThat(Files.readString(leftover)).isEqualTo("B;\n");
    assertThat(names()).containsExactly("0001_a.sql", "0002_b", "0002_b/migration.sql", "0003_c");
  }
}
