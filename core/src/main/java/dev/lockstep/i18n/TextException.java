package dev.lockstep.i18n;

/**
 * A problem the user can act on (a bad option, a broken configuration), told as a {@link Text} so
 * that it is shown in the run's language; its message is the English sentence.
 */
public class TextException extends IllegalArgumentException {
  private final transient Text text;

  public TextException(Text text) {
    super(text.english());
    this.text = text;
  }

  public Text text() {
    return text;
  }
}
