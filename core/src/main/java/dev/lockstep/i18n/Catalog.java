package dev.lockstep.i18n;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One language's translations, keyed by the English template (gettext style): a message is written
 * once, in English, where it is produced, and looked up here when it is shown. The catalogue is
 * {@code messages_<code>.json} next to this class, one object from English template to translation;
 * a template without an entry is shown in English (the tests list every such template).
 */
public final class Catalog {
  public static final Catalog ENGLISH = new Catalog(Language.EN, Map.of());
  private static final Map<Language, Catalog> LOADED = new EnumMap<>(Language.class);

  private final Language language;
  private final Map<String, String> entries;

  private Catalog(Language language, Map<String, String> entries) {
    this.language = language;
    this.entries = entries;
  }

  public static synchronized Catalog of(Language language) {
    if (language == Language.EN) return ENGLISH;
    return LOADED.computeIfAbsent(language, l -> new Catalog(l, read(l)));
  }

  public Language language() {
    return language;
  }

  /** The translation of an English template, or the template itself. */
  public String translate(String template) {
    return entries.getOrDefault(template, template);
  }

  /** A text in this language. */
  public String render(Text text) {
    return text.in(this);
  }

  /** Shorthand for {@code render(Text.of(template, args))}. */
  public String format(String template, Object... args) {
    return Text.of(template, args).in(this);
  }

  public boolean has(String template) {
    return language == Language.EN || entries.containsKey(template);
  }

  /** Every entry, sorted by English template. */
  public Map<String, String> entries() {
    return new TreeMap<>(entries);
  }

  public static String resource(Language language) {
    return "messages_" + language.code() + ".json";
  }

  private static Map<String, String> read(Language language) {
    try (InputStream in = Catalog.class.getResourceAsStream(resource(language))) {
      if (in == null) throw new IllegalStateException("no message catalogue packaged for " + language.code());
      return Map.copyOf(new ObjectMapper().readValue(in, new TypeReference<Map<String, String>>() {}));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
