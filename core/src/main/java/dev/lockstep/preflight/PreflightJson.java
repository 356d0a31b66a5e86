package dev.lockstep.preflight;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.i18n.Catalog;
import dev.lockstep.i18n.Text;
import dev.lockstep.report.Localized;
import java.io.IOException;

/** The report for programs; docs/preflight-schema.json describes it, and the tests hold it to that. */
final class PreflightJson implements PreflightFormat {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final Catalog catalog;

  /** @param catalog the language of the messages; the keys and ids are the same in every language */
  PreflightJson(Catalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public void write(PreflightReport r, Appendable out) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", 1);
    root.put("status", r.status().id());
    root.put("exitCode", r.status().exitCode());
    root.put("database", r.database());
    root.putObject("server").put("version", r.server().version()).put("major", r.server().major());
    ObjectNode migrations = root.putObject("migrations");
    ArrayNode checked = migrations.putArray("checked");
    ArrayNode skipped = migrations.putArray("skipped");
    if (r.lint() != null) {
      r.lint().files().forEach(f -> checked.add(f.path()));
      r.lint().skipped().forEach(x -> skipped.addObject().put("path", x.path())
          .put("reason", Localized.skipReason(x.reason(), catalog)));
    }
    ArrayNode indexes = root.putArray("invalidIndexes");
    for (InvalidIndex i : r.invalidIndexes()) {
      ObjectNode o = indexes.addObject().put("severity", i.severity().label()).put("state", i.state().id())
          .put("index", i.index()).put("table", i.table()).put("sizeBytes", i.bytes()).put("definition", i.definition());
      if (i.build() == null) o.putNull("build");
      else o.put("build", i.build());
      ArrayNode fix = o.putArray("remediation");
      i.remediation().forEach(fix::add);
    }
    ArrayNode sessions = root.putArray("sessions");
    for (BlockingSession s : r.sessions()) {
      ObjectNode o = sessions.addObject().put("severity", s.severity().label()).put("reason", s.reason().id())
          .put("pid", s.pid());
      nullable(o, "user", s.user());
      nullable(o, "application", s.application());
      nullable(o, "state", s.state());
      nullable(o, "backendType", s.backendType());
      if (s.transactionSeconds() == null) o.putNull("transactionSeconds");
      else o.put("transactionSeconds", s.transactionSeconds());
      nullable(o, "query", s.query());
      o.put("table", s.table()).put("lockMode", s.held().sql()).put("granted", s.granted())
          .put("neededMode", s.needed().sql());
      site(o.putObject("neededBy"), s.neededBy());
      o.put("message", catalog.render(s.describe()));
    }
    ArrayNode tables = root.putArray("tables");
    for (TableReport t : r.tables()) {
      ObjectNode o = tables.addObject().put("writtenAs", t.writtenAs());
      nullable(o, "table", t.table());
      if (t.estimatedRows() == null) o.putNull("estimatedRows");
      else o.put("estimatedRows", t.estimatedRows());
      o.put("totalBytes", t.totalBytes());
      ArrayNode impacts = o.putArray("impacts");
      for (TableReport.Impact i : t.impacts()) {
        ObjectNode io = impacts.addObject();
        site(io, i.site());
        io.put("lockMode", i.mode().sql()).put("text", catalog.render(i.text()));
      }
    }
    ArrayNode replication = root.putArray("replication");
    for (ReplicationWarning w : r.replication()) {
      ObjectNode o = replication.addObject().put("severity", "warning").put("kind", w.kind()).put("name", w.name())
          .put("active", w.active());
      if (w.lagSeconds() == null) o.putNull("lagSeconds");
      else o.put("lagSeconds", w.lagSeconds());
      if (w.retainedBytes() == null) o.putNull("walBytes");
      else o.put("walBytes", w.retainedBytes());
      o.put("message", catalog.render(w.message()));
    }
    ArrayNode repairs = root.putArray("repairs");
    for (IndexRepair.Outcome o : r.repairs()) {
      repairs.addObject().put("index", o.index()).put("repaired", o.repaired()).put("attempts", o.attempts())
          .put("message", catalog.render(o.message()));
    }
    ArrayNode notChecked = root.putArray("notChecked");
    for (Text p : r.lintProblems()) notChecked.add(catalog.format("%s (its tables are unknown)", p));
    for (Text n : r.notChecked()) notChecked.add(catalog.render(n));
    out.append(JSON.writeValueAsString(root)).append('\n');
  }

  private static void site(ObjectNode o, Site s) {
    o.put("path", s.path()).put("line", s.line()).put("column", s.column()).put("rule", s.ruleId());
  }

  private static void nullable(ObjectNode o, String key, String value) {
    if (value == null) o.putNull(key);
    else o.put(key, value);
  }
}
