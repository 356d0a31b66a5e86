package dev.lockstep.source;

/**
 * A migration tool's placeholder (Flyway's {@code ${table}}, a Go template's {@code {{.Schema}}})
 * that the parser sees as {@code masked}, an identifier of the same length, at {@code span}.
 * Distinct placeholders get distinct identifiers, so a name the parser reports maps back to one
 * placeholder.
 */
public record Placeholder(Span span, String original, String masked) {
  public Placeholder {
    if (original.length() != masked.length()) throw new IllegalArgumentException("a mask keeps the length");
  }
}
