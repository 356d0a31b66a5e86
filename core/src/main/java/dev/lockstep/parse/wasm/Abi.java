package dev.lockstep.parse.wasm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The minified import/export names of this build of libpg_query, derived from the emscripten
 * glue at build time (build-tools/FetchLibpgQuery.java), which also checked them against the wasm.
 */
record Abi(Map<String, String> importNamesByLetter, Map<String, String> exportLettersByName) {

  static Abi load() {
    Properties p = new Properties();
    try (InputStream in = Abi.class.getResourceAsStream("abi.properties")) {
      if (in == null) throw new IllegalStateException("abi.properties missing: the build did not run FetchLibpgQuery");
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> imports = new HashMap<>();
    Map<String, String> exports = new HashMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith("import.")) imports.put(p.getProperty(key), key.substring("import.".length()));
      if (key.startsWith("export.")) exports.put(key.substring("export.".length()), p.getProperty(key));
    }
    return new Abi(imports, exports);
  }

  String importName(String letter) {
    String name = importNamesByLetter.get(letter);
    if (name == null) throw new IllegalStateException("wasm import a." + letter + " is not in abi.properties");
    return name;
  }

  String export(String name) {
    String letter = exportLettersByName.get(name);
    if (letter == null) throw new IllegalStateException("export " + name + " is not in abi.properties");
    return letter;
  }
}
