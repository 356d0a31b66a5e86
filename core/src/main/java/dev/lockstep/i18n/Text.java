package dev.lockstep.i18n;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A user-facing sentence as typed data: its English format template (the catalogue key) and the
 * arguments for its {@code %s}/{@code %d} placeholders. An argument may itself be a Text, rendered in
 * the same language. Identifiers, SQL and numbers are arguments; every word around them is in the template.
 */
public record Text(String template, List<Object> args) {
  public Text {
    List<Object> plain = new ArrayList<>();
    for (Object a : args) plain.add(argument(a));
    args = List.copyOf(plain);
  }

  public static Text of(String template, Object... args) {
    return new Text(template, List.of(args));
  }

  /** The sentence in English, as the code wrote it. */
  public String english() {
    return in(Catalog.ENGLISH);
  }

  /** The sentence in the catalogue's language (English where it has no entry). */
  public String in(Catalog catalog) {
    String translated = catalog.translate(template);
    if (args.isEmpty()) return translated;
    Object[] values = new Object[args.size()];
    for (int i = 0; i < values.length; i++) values[i] = args.get(i) instanceof Text t ? t.in(catalog) : args.get(i);
    return String.format(Locale.ROOT, translated, values);
  }

  @Override
  public String toString() {
    return english();
  }

  /**
   * Strings and texts as they are, whole numbers as longs (so a text read back from a cache entry equals the
   * one written), a text read back as a map as a text again, anything else as its string.
   */
  @SuppressWarnings("unchecked")
  private static Object argument(Object a) {
    if (a instanceof Integer || a instanceof Long || a instanceof Short || a instanceof Byte) return ((Number) a).longValue();
    if (a instanceof Text || a instanceof String || a instanceof Number || a instanceof Boolean) return a;
    if (a instanceof Map<?, ?> m && m.get("template") instanceof String t && m.get("args") instanceof List<?> l) {
      return new Text(t, (List<Object>) l);
    }
    return String.valueOf(a);
  }
}
