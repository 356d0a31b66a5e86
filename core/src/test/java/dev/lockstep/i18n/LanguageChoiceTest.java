package dev.lockstep.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LanguageChoiceTest {
  @Test
  void theFlagWinsThenTheConfigurationThenLockstepLangThenTheLocale() {
    Map<String, String> env = Map.of("LOCKSTEP_LANG", "pt", "LANG", "en_US.UTF-8");
    assertThat(LanguageChoice.resolve("es", "pt", env).language()).isEqualTo(Language.ES);
    assertThat(LanguageChoice.resolve(null, "es", env).language()).isEqualTo(Language.ES);
    assertThat(LanguageChoice.resolve(null, null, env).language()).isEqualTo(Language.PT);
    assertThat(LanguageChoice.resolve(null, null, Map.of("LANG", "es_ES.UTF-8")).language()).isEqualTo(Language.ES);
  }

  @Test
  void localesSelectTheLanguageInPosixOrder() {
    assertThat(LanguageChoice.resolve(null, null, Map.of("LC_ALL", "pt_BR.UTF-8", "LANG", "es_ES.UTF-8")))
        .isEqualTo(new LanguageChoice(Language.PT, null));
    assertThat(LanguageChoice.resolve(null, null, Map.of("LC_MESSAGES", "es_MX.utf8@euro", "LANG", "pt_BR")).language())
        .isEqualTo(Language.ES);
    assertThat(LanguageChoice.resolve(null, null, Map.of("LC_ALL", "C.UTF-8", "LANG", "es_ES.UTF-8")).language())
        .as("C is English").isEqualTo(Language.EN);
    assertThat(LanguageChoice.resolve(null, null, Map.of())).isEqualTo(new LanguageChoice(Language.EN, null));
  }

  @Test
  void aMalformedLocaleIsSkipped() {
    assertThat(LanguageChoice.resolve(null, null, Map.of("LC_ALL", "../../etc/passwd", "LANG", "pt_BR.UTF-8")))
        .isEqualTo(new LanguageChoice(Language.PT, null));
    assertThat(LanguageChoice.resolve(null, null, Map.of("LC_ALL", "es\nES", "LANG", "")))
        .isEqualTo(new LanguageChoice(Language.EN, null));
  }

  @Test
  void anUnknownLanguageAskedForByNameIsEnglishWithOneLineNote() {
    LanguageChoice french = LanguageChoice.resolve("fr", null, Map.of("LANG", "es_ES.UTF-8"));
    assertThat(french.language()).isEqualTo(Language.EN);
    assertThat(french.note()).isEqualTo(
        "lockstep: language 'fr' (from --lang) is not available; using English (available: en, es, pt)");
    assertThat(LanguageChoice.resolve(null, "x\u001b[31m", Map.of()).note())
        .isEqualTo("lockstep: language 'x?[31m' (from lang in the configuration) is not available; using English "
            + "(available: en, es, pt)");
    assertThat(LanguageChoice.resolve(null, null, Map.of("LOCKSTEP_LANG", "pt-BR")).language()).isEqualTo(Language.PT);
    assertThat(LanguageChoice.resolve(null, null, Map.of("LANG", "fr_FR.UTF-8")))
        .as("a locale lockstep does not speak is English without a note").isEqualTo(new LanguageChoice(Language.EN, null));
  }

  @Test
  void aTextIsRenderedInTheCatalogueLanguageWithEnglishAsFallback() {
    Text text = Text.of("%s on %s", "SHARE", "orders");
    assertThat(text.english()).isEqualTo("SHARE on orders");
    assertThat(text.in(Catalog.of(Language.ES))).isEqualTo("SHARE sobre orders");
    assertThat(Text.of("a sentence no catalogue has: %s", "x").in(Catalog.of(Language.PT)))
        .isEqualTo("a sentence no catalogue has: x");
  }
}
