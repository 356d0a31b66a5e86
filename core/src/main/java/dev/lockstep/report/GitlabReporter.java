package dev.lockstep.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * GitLab Code Quality report (a JSON array), shown in merge requests. Fingerprints are stable
 * across runs and line shifts: rule, path, the flagged text, and its occurrence number.
 */
public final class GitlabReporter implements Reporter {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Override
  public void write(LintReport report, Appendable out) throws IOException {
    ArrayNode issues = JSON.createArrayNode();
    Map<String, Integer> seen = new HashMap<>();
    for (ReportItems.Item i : ReportItems.of(report).items()) {
      ObjectNode issue = issues.addObject();
      issue.put("type", "issue");
      issue.put("description", i.message());
      issue.put("check_name", i.ruleId());
      issue.putArray("categories").add(i.finding() == null ? "Bug Risk" : "Performance");
      String key = i.ruleId() + "\0" + i.path() + "\0" + i.message();
      int occurrence = seen.merge(key, 1, Integer::sum);
      issue.put("fingerprint", md5(key + "\0" + occurrence));
      issue.put("severity", switch (i.severity()) {
        case ERROR -> "critical";
        case WARNING -> "major";
        case HINT -> "info";
      });
      ObjectNode location = issue.putObject("location");
      location.put("path", i.path());
      location.putObject("lines").put("begin", i.start().line()).put("end", i.end().line());
    }
    out.append(JSON.writeValueAsString(issues)).append('\n');
  }

  private static String md5(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
