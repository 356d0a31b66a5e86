package dev.lockstep.preflight;

import dev.lockstep.i18n.Text;
import dev.lockstep.i18n.TextException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** One output format of a preflight report; {@link #NAMES} lists them for --format. */
public interface PreflightFormat {
  void write(PreflightReport report, Appendable out) throws IOException;

  List<String> NAMES = List.of("text", "json", "github", "sarif");

  static PreflightFormat named(String name) {
    Map<String, Supplier<PreflightFormat>> formats = new LinkedHashMap<>();
    formats.put("text", PreflightText::new);
    formats.put("json", PreflightJson::new);
    formats.put("github", PreflightGithub::new);
    formats.put("sarif", PreflightSarif::new);
    Supplier<PreflightFormat> f = formats.get(name);
    if (f == null) throw new TextException(Text.of("unknown format '%s' (one of %s)", name, String.join(", ", NAMES)));
    return f.get();
  }
}
