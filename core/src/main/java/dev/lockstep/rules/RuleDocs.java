package dev.lockstep.rules;

import dev.lockstep.i18n.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The {@code rules/<id>.md} documents, packaged into the jar. */
public final class RuleDocs {
  private RuleDocs() {}

  public static String markdown(String id) {
    return markdown(id, Language.EN);
  }

  /** The doc in a language: {@code rules/es/<id>.md}, {@code rules/pt/<id>.md}, English where none is written. */
  public static String markdown(String id, Language language) {
    if (language != Language.EN) {
      String translated = read("docs/" + language.code() + "/" + id + ".md");
      if (translated != null) return translated;
    }
    String english = read("docs/" + id + ".md");
    if (english == null) throw new IllegalStateException("no documentation packaged for rule " + id);
    return english;
  }

  private static String read(String resource) {
    try (InputStream in = RuleDocs.class.getResourceAsStream(resource)) {
      if (in == null) return null;
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
