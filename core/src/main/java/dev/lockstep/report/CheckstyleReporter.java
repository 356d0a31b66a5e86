package dev.lockstep.report;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checkstyle XML, read by Jenkins warnings-ng, reviewdog and SonarQube's generic import. */
public final class CheckstyleReporter implements Reporter {
  @Override
  public void write(LintReport report, Appendable out) throws IOException {
    Map<String, List<ReportItems.Item>> byFile = new LinkedHashMap<>();
    for (var f : report.files()) byFile.put(f.path(), new java.util.ArrayList<>());
    for (ReportItems.Item i : ReportItems.of(report).items()) {
      byFile.computeIfAbsent(i.path(), k -> new java.util.ArrayList<>()).add(i);
    }
    XmlReport.write(out, xml -> {
      xml.writeStartElement("checkstyle");
      xml.writeAttribute("version", "4.3");
      for (var e : byFile.entrySet()) {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("file");
        xml.writeAttribute("name", XmlReport.clean(e.getKey()));
        for (ReportItems.Item i : e.getValue()) {
          xml.writeCharacters("\n    ");
          xml.writeEmptyElement("error");
          xml.writeAttribute("line", String.valueOf(i.start().line()));
          xml.writeAttribute("column", String.valueOf(i.start().column()));
          xml.writeAttribute("severity", switch (i.severity()) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case HINT -> "info";
          });
          xml.writeAttribute("message", XmlReport.clean(i.message()));
          xml.writeAttribute("source", "lockstep." + i.ruleId());
        }
        if (!e.getValue().isEmpty()) xml.writeCharacters("\n  ");
        xml.writeEndElement();
      }
      xml.writeCharacters("\n");
      xml.writeEndElement();
    });
  }
}
