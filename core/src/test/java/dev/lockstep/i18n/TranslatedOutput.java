package dev.lockstep.i18n;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The word-list check for whole outputs in Spanish or Portuguese: a line that still holds an
 * English sentence word, once quoted text and the given arguments (names, SQL, the server's own
 * words) are cut out, is English left untranslated.
 */
public final class TranslatedOutput {
  /** The same words as TranslationsTest's: none of them is a Spanish or Portuguese word. */
  public static final Pattern ENGLISH = Pattern.compile(
      "\\b(the|and|with|while|which|until|when|must|would|should|takes|waits|instead|without|every|before|after"
          + "|only|this|that|from|into|whole|rewrites|blocks|runs|cannot|does|not|its|their|there|first|then|keeps"
          + "|fixed|would|written|created|updated|split|applied|checked|none|found|file|files|ready)\\b");

  private TranslatedOutput() {}

  /** The lines of {@code output} with an English word left in them. */
  public static List<String> englishIn(String output, String... arguments) {
    List<String> out = new ArrayList<>();
    for (String line : output.split("\n")) {
      String words = line;
      for (String a : arguments) words = words.replace(a, " ");
      words = words.replaceAll("`[^`]*`|\"[^\"]*\"|'[^']*'|«[^»]*»", " ");
      words = words.replaceAll("\\b(?:file|line|col|title)=", " "); // GitHub workflow command properties
      if (ENGLISH.matcher(words).find()) out.add(line);
    }
    return out;
  }
}
