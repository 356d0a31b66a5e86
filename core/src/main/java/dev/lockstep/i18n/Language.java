package dev.lockstep.i18n;

import java.util.Locale;
import java.util.Optional;

/** The languages lockstep speaks. Brazilian usage for Portuguese. */
public enum Language {
  EN("en", "en", "English"),
  ES("es", "es", "Español"),
  PT("pt", "pt-BR", "Português (Brasil)");

  private final String code;
  private final String tag;
  private final String nativeName;

  Language(String code, String tag, String nativeName) {
    this.code = code;
    this.tag = tag;
    this.nativeName = nativeName;
  }

  /** The RFC 5646 tag (SARIF's run.language): en, es, pt-BR. */
  public String tag() {
    return tag;
  }

  /** The two-letter code: en, es, pt (SARIF's run.language, rules/&lt;code&gt;/ folders). */
  public String code() {
    return code;
  }

  public String nativeName() {
    return nativeName;
  }

  /** The language whose code starts a language tag or locale name ("es", "pt-BR", "pt_BR.UTF-8"), if any. */
  public static Optional<Language> ofTag(String tag) {
    String primary = tag.split("[-_.@]", 2)[0].toLowerCase(Locale.ROOT);
    for (Language l : values()) if (l.code.equals(primary)) return Optional.of(l);
    return Optional.empty();
  }
}
