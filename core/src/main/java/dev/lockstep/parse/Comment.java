package dev.lockstep.parse;

import dev.lockstep.source.Span;

/** A {@code -- line} or {@code /* block *}{@code /} comment and where it is. */
public record Comment(Span span, String text) {
  /** The comment's content without its markers, trimmed. */
  public String content() {
    String t = text.startsWith("--") ? text.substring(2) : text.substring(2, Math.max(2, text.length() - 2));
    return t.strip();
  }
}
