package dev.lockstep.history;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A version compared part by part as numbers, the way Flyway compares its versions: {@code 1.10} is
 * after {@code 1.9}, {@code _} separates parts like {@code .}, and trailing zero parts do not count
 * ({@code 1.0} is the same version as {@code 1}). A single number (goose, dbmate, golang-migrate,
 * timestamps) is the one-part case. Flyway's own rule: org.flywaydb.core.api.MigrationVersion
 * (tokenize, compareTo).
 */
public record MigrationVersion(List<BigInteger> parts) implements Comparable<MigrationVersion> {
  public MigrationVersion {
    List<BigInteger> trimmed = new ArrayList<>(parts);
    while (trimmed.size() > 1 && trimmed.get(trimmed.size() - 1).signum() == 0) trimmed.remove(trimmed.size() - 1);
    parts = List.copyOf(trimmed);
  }

  /** The version in {@code text} ("2", "1.10", "1_2_3"), or empty when it is not one. */
  public static Optional<MigrationVersion> parse(String text) {
    if (text == null || text.isEmpty()) return Optional.empty();
    // by hand rather than by pattern: a long history parses a version per file
    List<BigInteger> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : '.';
      if (c >= '0' && c <= '9') continue;
      if (c != '.' && c != '_' || i == start) return Optional.empty(); // "1..2", "1.", ".1", "1.a"
      parts.add(i - start < 18 ? BigInteger.valueOf(Long.parseLong(text, start, i, 10))
          : new BigInteger(text.substring(start, i)));
      start = i + 1;
    }
    return Optional.of(new MigrationVersion(parts));
  }

  @Override
  public int compareTo(MigrationVersion o) {
    for (int i = 0; i < Math.max(parts.size(), o.parts.size()); i++) {
      int c = part(i).compareTo(o.part(i));
      if (c != 0) return c;
    }
    return 0;
  }

  private BigInteger part(int i) {
    return i < parts.size() ? parts.get(i) : BigInteger.ZERO;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (BigInteger part : parts) {
      if (out.length() > 0) out.append('.');
      out.append(part);
    }
    return out.toString();
  }
}
