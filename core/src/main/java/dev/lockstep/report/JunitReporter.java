package dev.lockstep.report;

import dev.lockstep.engine.FileResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JUnit XML: a test suite per file and a failed test case per problem (named after the rule and
 * place), plus one passing test case for a file without problems. CI UIs (GitLab, Jenkins, Azure,
 * CircleCI) list failed test cases with their message, which is what a reader needs; one test case
 * per rule checked would add 45 passing rows per file and bury the failures.
 */
public final class JunitReporter implements Reporter {
  @Override
  public void write(LintReport report, Appendable out) throws IOException {
    Map<String, List<ReportItems.Item>> byFile = new LinkedHashMap<>();
    for (FileResult f : report.files()) byFile.put(f.path(), new ArrayList<>());
    for (ReportItems.Item i : ReportItems.of(report).items()) byFile.computeIfAbsent(i.path(), k -> new ArrayList<>()).add(i);
    int failures = byFile.values().stream().mapToInt(List::size).sum();
    int tests = byFile.values().stream().mapToInt(l -> Math.max(1, l.size())).sum();
    XmlReport.write(out, xml -> {
      xml.writeStartElement("testsuites");
      xml.writeAttribute("name", "lockstep");
      xml.writeAttribute("tests", String.valueOf(tests));
      xml.writeAttribute("failures", String.valueOf(failures));
      for (var e : byFile.entrySet()) {
        String path = XmlReport.clean(e.getKey());
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", path);
        xml.writeAttribute("tests", String.valueOf(Math.max(1, e.getValue().size())));
        xml.writeAttribute("failures", String.valueOf(e.getValue().size()));
        if (e.getValue().isEmpty()) {
          xml.writeCharacters("\n    ");
          xml.writeEmptyElement("testcase");
          xml.writeAttribute("name", "no findings");
          xml.writeAttribute("classname", path);
        }
        for (ReportItems.Item i : e.getValue()) {
          xml.writeCharacters("\n    ");
          xml.writeStartElement("testcase");
          xml.writeAttribute("name", i.ruleId() + " at " + i.start());
          xml.writeAttribute("classname", path);
          xml.writeStartElement("failure");
          xml.writeAttribute("type", i.severity().label());
          xml.writeAttribute("message", XmlReport.clean(i.message()));
          xml.writeCharacters(XmlReport.clean(path + ":" + i.start() + ": " + i.severity().label() + " [" + i.ruleId() + "] "
              + i.message()));
          xml.writeEndElement();
          xml.writeEndElement();
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
      }
      xml.writeCharacters("\n");
      xml.writeEndElement();
    });
  }
}
