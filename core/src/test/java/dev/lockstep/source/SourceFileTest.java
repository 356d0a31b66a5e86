package dev.lockstep.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SourceFileTest {
  @Test
  void positionsAreOneBasedLinesAndCharacterColumns() {
    SourceFile f = SourceFile.of("a.sql", "ab\ncd\r\nef\rgh");
    assertThat(f.position(0)).isEqualTo(new Position(1, 1));
    assertThat(f.position(1)).isEqualTo(new Position(1, 2));
    assertThat(f.position(3)).isEqualTo(new Position(2, 1)); // after LF
    assertThat(f.position(7)).isEqualTo(new Position(3, 1)); // after CRLF
    assertThat(f.position(10)).isEqualTo(new Position(4, 1)); // after a lone CR
    assertThat(f.lineText(2)).isEqualTo("cd");
    assertThat(f.lineCount()).isEqualTo(4);
  }

  @Test
  void emojiAndAccentsCountAsOneColumnEach() {
    // é is 2 UTF-8 bytes and 1 char; 🐘 is 4 bytes and 2 chars (a surrogate pair).
    SourceFile f = SourceFile.of("a.sql", "-- é🐘\nSELECT 'é🐘', x");
    int x = f.text().indexOf('x');
    assertThat(f.position(x)).isEqualTo(new Position(2, 14));
    assertThat(f.charOffsetOfByte(f.byteOffsetOfChar(x))).isEqualTo(x);
    assertThat(f.byteOffsetOfChar(x)).isEqualTo(x + 2 * (1 + 2)); // é: +1 byte, 🐘: +2 bytes, twice
  }

  @Test
  void tabIsOneColumn() {
    assertThat(SourceFile.of("a.sql", "\t\tx").position(2)).isEqualTo(new Position(1, 3));
  }

  @Test
  void byteOrderMarkIsRemembered() {
    SourceFile f = SourceFile.decode("a.sql", "\uFEFFSELECT 1;".getBytes(StandardCharsets.UTF_8));
    assertThat(f.hasBom()).isTrue();
    assertThat(f.text()).isEqualTo("SELECT 1;");
    assertThat(f.position(0)).isEqualTo(new Position(1, 1));
  }

  @Test
  void invalidUtf8NamesTheByteAndPosition() {
    byte[] raw = {'S', 'E', 'L', '\n', 'a', (byte) 0xC3, (byte) 0x28};
    assertThatThrownBy(() -> SourceFile.decode("bad.sql", raw))
        .isInstanceOf(InputException.class)
        .hasMessage("is not valid UTF-8: byte 0xC3").extracting(e -> ((InputException) e).at()).isEqualTo(new Position(2, 2));
  }

  @Test
  void utf16IsRejectedWithAHint() {
    byte[] raw = "\uFEFFSELECT 1".getBytes(StandardCharsets.UTF_16LE);
    assertThatThrownBy(() -> SourceFile.decode("w.sql", raw))
        .hasMessage("is UTF-16 encoded; lockstep reads UTF-8 (convert it, e.g. iconv -f UTF-16 -t UTF-8)");
  }

  @Test
  void nulBytesAreRejected() {
    byte[] binary = new byte[200];
    binary[0] = 0x7f;
    assertThatThrownBy(() -> SourceFile.decode("x.sql", binary)).hasMessage("is a binary file, not SQL text");
    byte[] text = ("SELECT 1;\n" + "x".repeat(400) + "\0").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> SourceFile.decode("y.sql", text)).hasMessage("contains a NUL byte (binary file?)").extracting(e -> ((InputException) e).at())
        .isEqualTo(new Position(2, 401));
  }
}
