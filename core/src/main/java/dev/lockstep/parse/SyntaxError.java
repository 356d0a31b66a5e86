package dev.lockstep.parse;

import dev.lockstep.source.Span;

/**
 * A statement PostgreSQL's grammar rejects: its message (PostgreSQL's own words), the char
 * offset it points at, and the span of the statement that was skipped.
 */
public record SyntaxError(String message, int offset, Span statement) {}
