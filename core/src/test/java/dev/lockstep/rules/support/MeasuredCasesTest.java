package dev.lockstep.rules.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.engine.LockMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every lock fact lockstep states agrees with what real servers did, for every measured major. */
class MeasuredCasesTest {
  static final Path REFERENCE = Path.of("reference", "pg-locks");
  static final List<Integer> MAJORS = List.of(15, 16, 17, 18);

  /** One row of results-pgNN.tsv. */
  record Row(boolean sampled, Map<String, LockMode> strongest, String rewritten, Map<String, Long> scannedTuples,
             Map<String, String> probes, String firstProbe, String error) {}

  static Map<String, Row> load(int major) throws IOException {
    Map<String, Row> rows = new HashMap<>();
    List<String> lines = Files.readAllLines(REFERENCE.resolve("results-pg" + major + ".tsv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.split("\t", -1);
      Map<String, LockMode> locks = new HashMap<>();
      if (!c[3].equals("-")) {
        for (String item : c[3].split(" ")) {
          String[] kv = item.split("=");
          LockMode best = null;
          for (String mode : kv[1].split("\\+")) {
            LockMode m = mode(mode.replace("(waited)", ""));
            if (best == null || m.compareTo(best) > 0) best = m;
          }
          locks.put(kv[0], best);
        }
      }
      Map<String, Long> scans = new HashMap<>();
      if (!c[6].equals("-")) {
        for (String item : c[6].split(" ")) {
          String[] kv = item.split("=");
          scans.put(kv[0], Long.parseLong(kv[1].split("/")[1]));
        }
      }
      Map<String, String> probes = new HashMap<>();
      String first = null;
      for (String item : c[8].trim().split(" ")) {
        String[] kv = item.split(":", 2);
        probes.put(kv[0], kv[1]);
        if (first == null) first = kv[0];
      }
      rows.put(c[0], new Row(c[1].equals("notx"), locks, c[5], scans, probes, first, c.length > 9 ? c[9] : ""));
    }
    return rows;
  }

  static LockMode mode(String camel) {
    return LockMode.valueOf(camel.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
  }

  @Test
  void everyCaseMatchesTheMeasurementsOfEveryMajor() throws IOException {
    assertThat(REFERENCE).as("the measured reference must sit beside the project").isDirectory();
    for (int major : MAJORS) {
      Map<String, Row> rows = load(major);
      for (MeasuredCases.Case c : MeasuredCases.all()) {
        if (major < c.sinceVersion()) continue;
        String what = c.id() + " on PostgreSQL " + major;
        Row row = rows.get(c.id());
        if (row == null && major != 15) continue; // a few cases were measured on some majors only
        assertThat(row).as(what).isNotNull();
        assertThat(row.error()).as(what).isEmpty();
        // Autocommit cases (CONCURRENTLY, VACUUM) were sampled while running: a run may miss a lock.
        if (!row.sampled() || row.strongest().containsKey(c.tsvTarget())) {
          assertThat(row.strongest().get(c.tsvTarget())).as(what + ": lock on target").isEqualTo(c.target());
        }
        if (c.tsvOther() != null) {
          assertThat(row.strongest().get(c.tsvOther())).as(what + ": lock on " + c.tsvOther()).isEqualTo(c.other());
        }
        String probe = row.probes().getOrDefault(c.tsvTarget(), row.probes().get(row.firstProbe()));
        assertThat(probe.contains("r=BLOCKED")).as(what + ": blocks reads").isEqualTo(c.blocksReads());
        assertThat(probe.contains("w=BLOCKED")).as(what + ": blocks writes").isEqualTo(c.blocksWrites());
        // TRUNCATE swaps in new empty files: the relfilenode changes, but nothing is rewritten.
        boolean rewritten = !c.id().startsWith("truncate")
            && List.of(row.rewritten().replace("(mv)", "").split(" ")).contains(c.tsvTarget());
        assertThat(rewritten).as(what + ": rewrites").isEqualTo(c.rewrites());
        // "scans": the statement reads a whole table (its target, or the other table it names) under its locks
        boolean scans = row.scannedTuples().getOrDefault(c.tsvTarget(), 0L) > 100
            || (c.tsvOther() != null && row.scannedTuples().getOrDefault(c.tsvOther(), 0L) > 100);
        assertThat(scans).as(what + ": scans").isEqualTo(c.scans());
      }
    }
  }
}
