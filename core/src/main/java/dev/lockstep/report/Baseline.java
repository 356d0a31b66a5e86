package dev.lockstep.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import dev.lockstep.io.AtomicWrite;
import dev.lockstep.source.BoundedRead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fingerprints of accepted findings. A fingerprint is the rule, the file and the flagged SQL with
 * whitespace collapsed, so it survives line shifts and re-indentation; identical findings in one file
 * are counted.
 */
public final class Baseline {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final Map<String, Integer> counts;

  private Baseline(Map<String, Integer> counts) {
    this.counts = counts;
  }

  public static Baseline of(LintReport report) {
    Map<String, Integer> counts = new TreeMap<>();
    for (FileResult file : report.files()) {
      for (Finding f : file.findings()) counts.merge(fingerprint(file, f), 1, Integer::sum);
    }
    return new Baseline(counts);
  }

  public static Baseline read(Path path) throws IOException {
    JsonNode root = JSON.readTree(BoundedRead.file(path, 256L << 20));
    if (root == null || root.path("version").asInt() != 1 || !root.path("findings").isObject()) {
      throw new IOException(path + " is not a lockstep baseline (version 1)");
    }
    Map<String, Integer> counts = new TreeMap<>();
    root.path("findings").properties().forEach(e -> counts.put(e.getKey(), e.getValue().asInt()));
    return new Baseline(counts);
  }

  public void write(Path path) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", 1);
    ObjectNode findings = root.putObject("findings");
    counts.forEach(findings::put);
    AtomicWrite.replace(path, (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  public int size() {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** The report without the baselined findings, and how many baselined findings are still present. */
  public LintReport filter(LintReport report) {
    Map<String, Integer> left = new TreeMap<>(counts);
    List<FileResult> files = new ArrayList<>();
    int matched = 0;
    for (FileResult file : report.files()) {
      List<Finding> kept = new ArrayList<>();
      for (Finding f : file.findings()) {
        String fp = fingerprint(file, f);
        int n = left.getOrDefault(fp, 0);
        if (n > 0) {
          left.put(fp, n - 1);
          matched++;
        } else {
          kept.add(f);
        }
      }
      files.add(new FileResult(file.source(), kept, file.suppressed(), file.syntaxErrors(), file.framework()));
    }
    return new LintReport(files, report.problems(), report.skipped(), report.pgVersion(), matched, report.config());
  }

  static String fingerprint(FileResult file, Finding f) {
    String sql = file.source().text(f.span()).replaceAll("\\s+", " ").strip();
    String key = f.ruleId() + "\0" + file.path().replace('\\', '/') + "\0" + sql;
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
