package dev.lockstep.report;

import java.io.IOException;
import java.io.StringWriter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** A small wrapper over the JDK's XML writer: escaping is the writer's, indentation ours. */
final class XmlReport {
  interface Body {
    void write(XMLStreamWriter xml) throws XMLStreamException;
  }

  private XmlReport() {}

  static void write(Appendable out, Body body) throws IOException {
    StringWriter text = new StringWriter();
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      body.write(xml);
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IOException("could not write XML: " + e.getMessage(), e);
    }
    out.append(text.toString()).append('\n');
  }

  /** XML 1.0 cannot hold most control characters, even escaped: drop them. */
  static String clean(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> {
      if (cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) || cp > 0xFFFF) {
        sb.appendCodePoint(cp);
      }
    });
    return sb.toString();
  }
}
