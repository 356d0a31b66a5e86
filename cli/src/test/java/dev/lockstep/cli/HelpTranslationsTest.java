package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The help of every command, option and parameter has a Spanish and a Portuguese entry in the
 * picocli resource bundle (Help_es.properties, Help_pt.properties), and --lang selects it.
 */
class HelpTranslationsTest {
  @ParameterizedTest
  @ValueSource(strings = {"es", "pt"})
  void everyCommandOptionAndParameterIsTranslated(String language) {
    ResourceBundle bundle = ResourceBundle.getBundle("dev.lockstep.cli.Help", Locale.forLanguageTag(language));
    List<String> missing = new ArrayList<>();
    CommandLine cli = Main.commandLine(null);
    List<CommandSpec> specs = new ArrayList<>(List.of(cli.getCommandSpec()));
    cli.getSubcommands().values().forEach(c -> specs.add(c.getCommandSpec()));
    for (CommandSpec spec : specs) {
      String q = spec.qualifiedName(".");
      if (!has(bundle, q, "usage.description")) missing.add(q + ".usage.description");
      for (OptionSpec o : spec.options()) {
        if (o.inherited()) continue;
        String key = o.descriptionKey().isEmpty() ? o.longestName().replaceFirst("^-+", "") : o.descriptionKey();
        if (!has(bundle, q, key)) missing.add(q + "." + key);
      }
      for (PositionalParamSpec p : spec.positionalParameters()) {
        String key = p.descriptionKey().isEmpty() ? p.paramLabel() + "[" + p.index() + "]" : p.descriptionKey();
        if (!has(bundle, q, key)) missing.add(q + "." + key);
      }
    }
    assertThat(missing).as("help without a %s entry", language).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"es", "pt"})
  void langSelectsTheHelpLanguage(String language) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"lint", "--lang", language, "--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    String help = out.toString(StandardCharsets.UTF_8);
    assertThat(code).isZero();
    assertThat(help).startsWith(language.equals("es") ? "Uso: lockstep lint" : "Uso: lockstep lint")
        .contains(language.equals("es") ? "Opciones:" : "Opções:")
        .contains(language.equals("es") ? "Archivos o directorios" : "Arquivos ou diretórios")
        .doesNotContain("Files or directories");
  }

  private static boolean has(ResourceBundle bundle, String qualifiedCommand, String key) {
    return bundle.containsKey(qualifiedCommand + "." + key) || bundle.containsKey(key)
        || key.startsWith("mixinStandardHelpOptions.") && bundle.containsKey(key.substring(key.indexOf('.') + 1));
  }
}
