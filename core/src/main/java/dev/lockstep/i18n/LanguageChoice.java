package dev.lockstep.i18n;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which language a run speaks, first found of: {@code --lang}, {@code lang} in the configuration,
 * {@code LOCKSTEP_LANG}, then the locale ({@code LC_ALL}, {@code LC_MESSAGES}, {@code LANG}, as
 * POSIX orders them). A language lockstep does not speak, asked for by name, falls back to English
 * with a one-line note; a locale lockstep does not speak is English without a note (most systems
 * have one), and a malformed locale variable is skipped.
 *
 * @param note the one-line note to print, or null
 */
public record LanguageChoice(Language language, String note) {
  /** ll, ll_CC or ll-CC, an optional .codeset and @modifier; or C / POSIX (English). */
  private static final Pattern LOCALE =
      Pattern.compile("(?:[A-Za-z]{2,3}(?:[_-](?:[A-Za-z]{2,4}|[0-9]{3}))?|C|POSIX)(?:\\.[A-Za-z0-9_-]+)?(?:@[A-Za-z0-9_-]+)?");
  private static final String[] LOCALE_VARIABLES = {"LC_ALL", "LC_MESSAGES", "LANG"};

  public static LanguageChoice resolve(String flag, String configured, Map<String, String> env) {
    if (present(flag)) return named(flag, "--lang");
    if (present(configured)) return named(configured, "lang in the configuration");
    if (present(env.get("LOCKSTEP_LANG"))) return named(env.get("LOCKSTEP_LANG"), "LOCKSTEP_LANG");
    for (String variable : LOCALE_VARIABLES) {
      String value = env.get(variable);
      if (!present(value) || !LOCALE.matcher(value.strip()).matches()) continue; // unset or malformed: the next one
      return new LanguageChoice(Language.ofTag(value.strip()).orElse(Language.EN), null);
    }
    return new LanguageChoice(Language.EN, null);
  }

  private static LanguageChoice named(String value, String source) {
    String tag = value.strip();
    Optional<Language> language = LOCALE.matcher(tag).matches() ? Language.ofTag(tag) : Optional.empty();
    if (language.isPresent()) return new LanguageChoice(language.get(), null);
    if (tag.equals("C") || tag.equals("POSIX")) return new LanguageChoice(Language.EN, null);
    return new LanguageChoice(Language.EN, "lockstep: language '" + printable(tag) + "' (from " + source
        + ") is not available; using English (available: en, es, pt)");
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }

  /** The value as one printable line, whatever the variable held. */
  private static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    s.codePoints().limit(40).forEach(c -> {
      if (Character.isISOControl(c)) sb.append('?'); else sb.appendCodePoint(c);
    });
    return sb.toString();
  }
}
