package dev.lockstep.preflight;

import dev.lockstep.i18n.Catalog;
import dev.lockstep.i18n.Text;
import dev.lockstep.i18n.TextException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** One output format of a preflight report; {@link #NAMES} lists them for --format. */
public interface PreflightFormat {
  void write(PreflightReport report, Appendable out) throws IOException;

  List<String> NAMES = List.of("text", "json", "github", "sarif");

  /** The format in English. */
  static PreflightFormat named(String name) {
    return named(name, Catalog.ENGLISH);
  }

  /** The format with its messages in the catalogue's language (JSON and SARIF keys stay as they are). */
  static PreflightFormat named(String name, Catalog catalog) {
    Map<String, Function<Catalog, PreflightFormat>> formats = new LinkedHashMap<>();
    formats.put("text", PreflightText::new);
    formats.put("json", PreflightJson::new);
    formats.put("github", PreflightGithub::new);
    formats.put("sarif", PreflightSarif::new);
    Function<Catalog, PreflightFormat> f = formats.get(name);
    if (f == null) throw new TextException(Text.of("unknown format '%s' (one of %s)", name, String.join(", ", NAMES)));
    return f.apply(catalog);
  }
}
