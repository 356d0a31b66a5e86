package dev.lockstep.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.engine.Rule;
import dev.lockstep.i18n.Language;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule doc has a Spanish (rules/es/&lt;id&gt;.md) and a Portuguese (rules/pt/&lt;id&gt;.md)
 * translation with the same sections and the same examples, and the measured tables that the
 * server tests generate are the same bytes in all three (GeneratedDocSection writes them into each).
 */
class RuleDocTranslationsTest {
  private static final Pattern FENCE = Pattern.compile("(?ms)^```.*?^```");
  private static final Pattern GENERATED = Pattern.compile("(?s)<!-- [^>]*generated, do not edit -->.*?<!-- end of measured [^>]* -->");

  static Stream<String> ruleIds() {
    return Rules.all().stream().map(Rule::id);
  }

  @Test
  void everyRuleDocIsTranslated() {
    List<String> missing = new ArrayList<>();
    ruleIds().forEach(id -> {
      for (String language : List.of("es", "pt")) {
        Path doc = Path.of("rules", language, id + ".md");
        if (!Files.exists(doc)) missing.add(doc.toString());
      }
    });
    assertThat(missing).as("rule docs without a translation").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ruleIds")
  void translationsKeepTheSectionsExamplesAndMeasuredTables(String id) throws IOException {
    String english = Files.readString(Path.of("rules", id + ".md"));
    for (String language : List.of("es", "pt")) {
      Path doc = Path.of("rules", language, id + ".md");
      if (!Files.exists(doc)) continue; // everyRuleDocIsTranslated names it
      String translated = Files.readString(doc);
      assertThat(translated.lines().findFirst()).as("%s title", doc).isEqualTo(english.lines().findFirst());
      assertThat(headingLevels(translated)).as("%s sections", doc).isEqualTo(headingLevels(english));
      assertThat(all(FENCE, translated)).as("%s examples", doc).isEqualTo(all(FENCE, english));
      assertThat(all(GENERATED, translated)).as("%s measured tables", doc).isEqualTo(all(GENERATED, english));
    }
  }

  @Test
  void explainFindsEachTranslation() {
    ruleIds().forEach(id -> {
      for (Language language : List.of(Language.ES, Language.PT)) {
        Path doc = Path.of("rules", language.code(), id + ".md");
        if (!Files.exists(doc)) continue;
        try {
          assertThat(RuleDocs.markdown(id, language)).isEqualTo(Files.readString(doc));
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    });
  }

  /** The level of each heading in order ("##", "##", "###"): the same sections, in any language. */
  private static List<String> headingLevels(String markdown) {
    String outsideCode = FENCE.matcher(markdown).replaceAll("");
    return outsideCode.lines().filter(l -> l.startsWith("#")).map(l -> l.substring(0, l.indexOf(' '))).toList();
  }

  private static List<String> all(Pattern p, String text) {
    List<String> out = new ArrayList<>();
    Matcher m = p.matcher(text);
    while (m.find()) out.add(m.group());
    return out;
  }
}
