package dev.lockstep.history;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A version compared part by part as numbers, the way Flyway compares its versions: {@code 1.10} is
 * after {@code 1.9}, {@code _} separates parts like {@code .}, and trailing zero parts do not count
 * ({@code 1.0} is the same version as {@code 1}). A single number (goose, dbmate, golang-migrate,
 * timestamps) is the one-part case. Flyway's own rule: org.flywaydb.core.api.MigrationVersion
 * (tokenize, compareTo).
 */
public record MigrationVersion(List<BigInteger> parts) implements Comparable<MigrationVersion> {
  private static final Pattern SHAPE = Pattern.compile("[0-9]+([._][0-9]+)*");

  public MigrationVersion {
    List<BigInteger> trimmed = new ArrayList<>(parts);
    while (trimmed.size() > 1 && trimmed.get(trimmed.size() - 1).signum() == 0) trimmed.remove(trimmed.size() - 1);
    parts = List.copyOf(trimmed);
  }

  /** The version in {@code text} ("2", "1.10", "1_2_3"), or empty when it is not one. */
  public static Optional<MigrationVersion> parse(String text) {
    if (text == null || !SHAPE.matcher(text).matches()) return Optional.empty();
    List<BigInteger> parts = new ArrayList<>();
    for (String part : text.split("[._]")) parts.add(new BigInteger(part));
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
    return String.join(".", parts.stream().map(BigInteger::toString).toList());
  }
}
