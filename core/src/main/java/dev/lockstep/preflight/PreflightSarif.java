package dev.lockstep.preflight;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.i18n.Catalog;
import dev.lockstep.i18n.Text;
import dev.lockstep.report.SarifLog;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SARIF 2.1.0: one result per INVALID index, session in the way and replication warning; a
 * session's result is located at the migration statement that needs the lock.
 */
final class PreflightSarif implements PreflightFormat {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Map<String, Text> RULES = new LinkedHashMap<>();

  static {
    RULES.put("preflight-invalid-index", Text.of("An INVALID index is left over from a failed concurrent build"));
    RULES.put("preflight-index-build", Text.of("A concurrent index build is in progress"));
    RULES.put("preflight-blocking-session", Text.of("A session holds or waits for a lock the migrations need"));
    RULES.put("preflight-replication", Text.of("A replica lags or a replication slot retains WAL"));
    RULES.put("preflight-not-checked", Text.of("Something could not be checked"));
  }

  private final Catalog catalog;

  /** @param catalog the language of the messages, named in run.language as lint's SARIF does */
  PreflightSarif(Catalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public void write(PreflightReport r, Appendable out) throws IOException {
    SarifLog log = SarifLog.start(JSON, catalog.language().tag());
    ObjectNode root = log.root();
    ObjectNode run = log.run();
    ArrayNode rules = log.driver().putArray("rules");
    RULES.forEach((id, text) -> rules.addObject().put("id", id).put("name", id).putObject("shortDescription")
        .put("text", catalog.render(text)));
    ArrayNode results = run.putArray("results");
    for (InvalidIndex i : r.invalidIndexes()) {
      String id = i.state() == InvalidIndex.State.BUILD_IN_PROGRESS ? "preflight-index-build" : "preflight-invalid-index";
      String text = i.remediation().isEmpty()
          ? catalog.format("%s on %s: a build is in progress (%s)", i.index(), i.table(), i.build())
          : catalog.format("%s on %s is INVALID; remediation:", i.index(), i.table()) + " " + String.join(" ", i.remediation());
      result(results, id, i.severity().label(), text, null);
    }
    for (BlockingSession s : r.sessions()) {
      result(results, "preflight-blocking-session", s.severity().label(), catalog.render(s.describe()), s.neededBy());
    }
    for (ReplicationWarning w : r.replication()) {
      result(results, "preflight-replication", "warning", catalog.render(w.message()), null);
    }
    for (Text p : r.lintProblems()) result(results, "preflight-not-checked", "error", catalog.render(p), null);
    for (Text n : r.notChecked()) result(results, "preflight-not-checked", "warning", catalog.render(n), null);
    out.append(JSON.writeValueAsString(root)).append('\n');
  }

  private static void result(ArrayNode results, String ruleId, String level, String text, Site site) {
    ObjectNode o = results.addObject();
    o.put("ruleId", ruleId);
    o.put("ruleIndex", new java.util.ArrayList<>(RULES.keySet()).indexOf(ruleId));
    o.put("level", level.equals("hint") ? "note" : level);
    o.putObject("message").put("text", text);
    if (site != null) {
      ObjectNode physical = o.putArray("locations").addObject().putObject("physicalLocation");
      physical.putObject("artifactLocation").put("uri", SarifLog.uri(site.path()));
      physical.putObject("region").put("startLine", site.line()).put("startColumn", site.column());
    }
  }
}
