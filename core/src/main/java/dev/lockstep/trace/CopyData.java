package dev.lockstep.trace;

import dev.lockstep.parse.Statement;

/** The inline data of a psql script's {@code COPY ... FROM stdin;}: the lines after it, up to the {@code \.} line. */
final class CopyData {
  private CopyData() {}

  static String after(Statement copy) {
    String text = copy.source().text();
    int semicolon = text.indexOf(';', copy.span().end() - 1);
    if (semicolon < 0) return "";
    int start = lineEnd(text, semicolon);
    if (start < text.length() && text.charAt(start) == '\r') start++;
    if (start < text.length() && text.charAt(start) == '\n') start++;
    StringBuilder data = new StringBuilder();
    int at = start;
    while (at < text.length()) {
      int eol = lineEnd(text, at);
      String line = text.substring(at, eol);
      if (line.equals("\\.")) break;
      data.append(line).append('\n');
      at = eol;
      if (at < text.length() && text.charAt(at) == '\r') at++;
      if (at < text.length() && text.charAt(at) == '\n') at++;
    }
    return data.toString();
  }

  private static int lineEnd(String text, int from) {
    int i = from;
    while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') i++;
    return i;
  }
}
