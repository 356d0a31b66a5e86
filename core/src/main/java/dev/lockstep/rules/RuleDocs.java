package dev.lockstep.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The {@code rules/<id>.md} documents, packaged into the jar. */
public final class RuleDocs {
  private RuleDocs() {}

  public static String markdown(String id) {
    try (InputStream in = RuleDocs.class.getResourceAsStream("docs/" + id + ".md")) {
      if (in == null) throw new IllegalStateException("no documentation packaged for rule " + id);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
