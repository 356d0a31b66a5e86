package dev.lockstep.i18n;

import java.util.Collections;
import java.util.List;

/**
 * Several texts (or names) shown one after another with a separator, each in the reader's language:
 * a list is not a sentence, so its template has no words to translate ("%s, %s").
 */
public final class Joined {
  private Joined() {}

  /** The items with {@code separator} between them; the separator holds punctuation only. */
  public static Text of(String separator, List<?> items) {
    if (separator.contains("%")) throw new IllegalArgumentException("a separator is punctuation: " + separator);
    return new Text(String.join(separator, Collections.nCopies(items.size(), "%s")), List.copyOf(items));
  }
}
