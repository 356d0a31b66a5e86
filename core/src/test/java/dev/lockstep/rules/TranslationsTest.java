package dev.lockstep.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.SuppressedFinding;
import dev.lockstep.fix.Fix;
import dev.lockstep.i18n.Catalog;
import dev.lockstep.i18n.Language;
import dev.lockstep.i18n.Text;
import dev.lockstep.report.LintReport;
import dev.lockstep.report.Localized;
import dev.lockstep.report.TextReporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every English template lockstep shows has a Spanish and a Portuguese entry with the same
 * placeholders, and no English sentence is left in the Spanish or Portuguese output of any fixture.
 * Templates are gathered from every fixture's findings (messages, rewrites, step labels, SQL comments,
 * fix titles) and from the literal templates in the sources; the missing ones are written to
 * target/missing-translations-&lt;code&gt;.json, ready to fill in.
 */
class TranslationsTest {
  private static final Language[] TRANSLATED = {Language.ES, Language.PT};
  /** Calls whose first argument is a template (or a choice between templates): catalogue, finding, rewrite, fix, refusal. */
  private static final Pattern TEMPLATE_CALL = Pattern.compile(
      "(?:catalog\\.translate|catalog\\.format|\\.catalog\\(\\)\\.format|Text\\.of|\\.message(?=\\()|Rewrite\\.of|new Rewrite\\(|Rewrite\\.Step\\("
          + "|Fix\\.of|Relocations\\.move\\(statement,|new Relocation\\(|new SplitRefused\\(|Form\\.of\\()\\(?");
  /** Literal pieces joined by +: one template. */
  private static final Pattern LITERAL_GROUP = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"(?:\\s*\\+\\s*\"(?:[^\"\\\\]|\\\\.)*\")*");
  /** count(n, "one", "many"): both templates. */
  private static final Pattern COUNT_CALL = Pattern.compile("count\\([^,]+,\\s*\"((?:[^\"\\\\]|\\\\.)*)\",\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern PIECE = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
  /** English words that no translated sentence contains (identifiers and SQL are removed first). */
  private static final Pattern ENGLISH = Pattern.compile(
      "\\b(the|and|with|while|which|until|when|must|would|should|takes|waits|instead|without|every|before|after"
          + "|only|this|that|from|into|whole|rewrites|blocks|runs|cannot|does|not|its|their|there|first|then|keeps)\\b");
  private static final Pattern SQL_COMMENT = Pattern.compile("--\\s+(\\S.*?)\\s*$", Pattern.MULTILINE);
  private static final Pattern PLACEHOLDER = Pattern.compile("%(?:(\\d+)\\$)?([-#+ 0,(]*\\d*(?:\\.\\d+)?)([a-zA-Z%])");

  static Stream<Fixture> fixtures() throws IOException {
    return Fixture.all();
  }

  @Test
  void everyTemplateHasEveryTranslation() throws IOException {
    Set<String> templates = templates();
    StringBuilder missing = new StringBuilder();
    for (Language language : TRANSLATED) {
      Catalog catalog = Catalog.of(language);
      Map<String, String> absent = new TreeMap<>();
      for (String t : templates) if (!catalog.has(t)) absent.put(t, "");
      Path list = Path.of("core", "target", "missing-translations-" + language.code() + ".json");
      Files.createDirectories(list.getParent());
      Files.writeString(list, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(absent));
      if (!absent.isEmpty()) {
        missing.append("\n").append(absent.size()).append(" templates without a ").append(language.code())
            .append(" entry (listed in ").append(list).append("):");
        absent.keySet().forEach(t -> missing.append("\n  ").append(t));
      }
    }
    assertThat(missing.toString()).as("add them to core/src/main/resources/dev/lockstep/i18n/messages_<code>.json")
        .isEmpty();
  }

  @ParameterizedTest
  @EnumSource(value = Language.class, names = {"ES", "PT"})
  void everyEntryKeepsItsPlaceholders(Language language) {
    List<String> wrong = new ArrayList<>();
    Catalog.of(language).entries().forEach((english, translated) -> {
      if (!placeholders(english).equals(placeholders(translated))) wrong.add(english + " -> " + translated);
      if (translated.isBlank()) wrong.add(english + " -> (empty)");
    });
    assertThat(wrong).isEmpty();
  }

  /**
   * No entry is left half in English: every translation, without its placeholders, quoted values,
   * option and rule names (a-b-c) and SQL type names, is free of the English word list. This covers the
   * messages no fixture shows (input and configuration errors, detection notes, usage errors).
   */
  @ParameterizedTest
  @EnumSource(value = Language.class, names = {"ES", "PT"})
  void noEntryHoldsAnEnglishSentence(Language language) {
    List<String> english = new ArrayList<>();
    Catalog.of(language).entries().forEach((template, translated) -> {
      String words = translated.replaceAll("«[^»]*»|\"[^\"]*\"|'[^']*'|`[^`]*`|%[sd]|\\b[a-z]+(?:-[a-z]+)+\\b"
          + "|\\b(?:timestamp|time) with(?:out)? time zone\\b", " ");
      if (ENGLISH.matcher(words).find()) english.add(template + " -> " + translated);
    });
    assertThat(english).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void noEnglishSentenceInTranslatedOutput(Fixture f) throws IOException {
    FileResult result = FixtureTest.lint(f, f.sql());
    for (Language language : TRANSLATED) {
      Catalog catalog = Catalog.of(language);
      List<String> english = new ArrayList<>();
      for (Finding finding : findings(result)) {
        for (String part : parts(finding, catalog)) {
          String words = withoutArguments(part, finding, f.sql());
          if (ENGLISH.matcher(words).find()) english.add(part);
        }
      }
      StringBuilder report = new StringBuilder();
      new TextReporter(false, catalog).write(new LintReport(List.of(result), List.of(), 18), report);
      String summary = report.toString().lines().reduce((a, b) -> b).orElse("");
      if (ENGLISH.matcher(summary).find()) english.add(summary);
      assertThat(english).as("%s output of %s", language.code(), f).isEmpty();
    }
  }

  /** The words of one finding a reader sees in a language: message, lock line, explanation, steps, SQL comments, fixes. */
  private static List<String> parts(Finding finding, Catalog catalog) {
    Finding shown = Localized.finding(finding, catalog);
    List<String> out = new ArrayList<>();
    out.add(shown.message());
    if (finding.lock() != null) out.add(Localized.lockLine(finding.lock(), catalog));
    if (shown.rewrite() != null) {
      out.add(shown.rewrite().summary());
      for (Rewrite.Step s : shown.rewrite().steps()) {
        out.add(s.runs());
        Matcher m = SQL_COMMENT.matcher(s.sql());
        while (m.find()) out.add(m.group(1));
      }
    }
    for (Fix fix : shown.fixes()) out.add(fix.title());
    return out;
  }

  /** The text with the finding's names and SQL (its arguments) cut out. */
  private static String withoutArguments(String text, Finding finding, String sql) {
    String out = text;
    List<Object> args = new ArrayList<>(finding.text().args());
    if (finding.rewrite() != null) {
      args.addAll(finding.rewrite().explanation().args());
      finding.rewrite().steps().forEach(s -> args.addAll(s.label().args()));
    }
    args.sort((a, b) -> String.valueOf(b).length() - String.valueOf(a).length());
    for (Object a : args) {
      String value = String.valueOf(a);
      boolean fromSql = sql.contains(value) || !value.matches("(?s).*\\b[a-z]{3,}\\s+[a-z]{3,}\\b.*");
      if (!(a instanceof Text) && fromSql) out = out.replace(value, " ");
    }
    // quoted text and SQL type names are not sentences
    return out.replaceAll("`[^`]*`|\"[^\"]*\"|'[^']*'|\\b(?:timestamp|time) with(?:out)? time zone\\b", " ");
  }

  private static List<Finding> findings(FileResult result) {
    List<Finding> out = new ArrayList<>(result.findings());
    for (SuppressedFinding s : result.suppressed()) out.add(s.finding());
    return out;
  }

  /** Every template: those the fixtures' findings use, rule titles, and the literal ones in the sources. */
  static Set<String> templates() throws IOException {
    Set<String> out = new TreeSet<>();
    try (Stream<Fixture> all = Fixture.all()) {
      all.forEach(f -> findings(FixtureTest.lint(f, f.sql())).forEach(finding -> addTemplates(finding, f.sql(), out)));
    }
    for (Rule rule : Rules.all()) out.add(rule.info().title());
    for (Path root : List.of(Path.of("core/src/main/java"), Path.of("cli/src/main/java/dev/lockstep/cli"),
        Path.of("maven-plugin/src/main/java"))) {
      try (Stream<Path> files = Files.walk(root)) {
        // the language server's diagnostics are included; its protocol errors (ResponseError) are for the editor's log
        for (Path p : files.filter(x -> x.toString().endsWith(".java")).toList()) {
          String source = Files.readString(p);
          Matcher counts = COUNT_CALL.matcher(source);
          while (counts.find()) {
            out.add(unescape(counts.group(1)));
            out.add(unescape(counts.group(2)));
          }
          Matcher m = TEMPLATE_CALL.matcher(source);
          while (m.find()) {
            String argument = firstArgument(source, m.end());
            Matcher group = LITERAL_GROUP.matcher(argument);
            while (group.find()) {
              if (argument.substring(0, group.start()).stripTrailing().endsWith("(")) continue; // type.equals("bpchar")
              StringBuilder template = new StringBuilder();
              Matcher piece = PIECE.matcher(group.group());
              while (piece.find()) template.append(unescape(piece.group(1)));
              // a sentence, not a keyword or SQL chosen between (CREATE INDEX / CREATE UNIQUE INDEX)
              if (template.toString().matches("(?s).*[a-z]{2,}.*") && !template.toString().startsWith("-- lockstep")) {
                out.add(template.toString());
              }
            }
          }
        }
      }
    }
    return out;
  }

  private static void addTemplates(Finding f, String sql, Set<String> out) {
    addTemplates(f.text(), out);
    if (f.rewrite() != null) {
      addTemplates(f.rewrite().explanation(), out);
      for (Rewrite.Step s : f.rewrite().steps()) {
        addTemplates(s.label(), out);
        Matcher m = SQL_COMMENT.matcher(s.sql());
        while (m.find()) if (!sql.contains(m.group(1))) out.add(m.group(1)); // comments of the user's own SQL stay
      }
    }
    for (Fix fix : f.fixes()) out.add(fix.title());
  }

  private static void addTemplates(Text text, Set<String> out) {
    out.add(text.template());
    for (Object a : text.args()) if (a instanceof Text t) addTemplates(t, out);
  }

  /** The source of a call's first argument, from just after its opening parenthesis to the first top-level comma. */
  private static String firstArgument(String source, int from) {
    int depth = 0;
    boolean quoted = false;
    for (int i = from; i < source.length(); i++) {
      char c = source.charAt(i);
      if (quoted) {
        if (c == '\\') i++;
        else if (c == '"') quoted = false;
      } else if (c == '"') {
        quoted = true;
      } else if (c == '(') {
        depth++;
      } else if ((c == ',' || c == ')') && depth == 0) {
        return source.substring(from, i);
      } else if (c == ')') {
        depth--;
      }
    }
    return "";
  }

  private static String unescape(String literal) {
    return literal.replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\");
  }

  /** The placeholders of a format, by argument position ("%1$s" and "%s" in first place are the same). */
  static Set<String> placeholders(String format) {
    Set<String> out = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(format);
    int next = 1;
    while (m.find()) {
      if (m.group(3).equals("%") || m.group(3).equals("n")) continue;
      int index = m.group(1) != null ? Integer.parseInt(m.group(1)) : next++;
      out.add(index + ":" + m.group(3));
    }
    return out;
  }
}
