package dev.lockstep.source;

import dev.lockstep.i18n.Text;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text of one migration file, decoded strictly as UTF-8, with conversions between char
 * offsets, UTF-8 byte offsets (libpg_query's unit) and 1-based line/column positions.
 */
public final class SourceFile {
  private final String path;
  private final String text;
  private final String parseText;
  private final boolean bom;
  private final java.util.List<Placeholder> placeholders;
  private LineMap lines; // made when first asked for: most earlier files of a long history are never located in
  private ByteOffsets bytes;
  private byte[] utf8;

  private SourceFile(String path, String text, boolean bom) {
    this(path, text, text, bom, java.util.List.of());
  }

  private SourceFile(String path, String text, String parseText, boolean bom, java.util.List<Placeholder> placeholders) {
    this.path = path;
    this.text = text;
    this.parseText = parseText;
    this.bom = bom;
    this.placeholders = java.util.List.copyOf(placeholders);
  }

  /** The line map; a race makes it twice, never wrong (its fields are final). */
  private LineMap lines() {
    LineMap l = lines;
    if (l == null) lines = l = new LineMap(text);
    return l;
  }

  /**
   * The same file with parts the migration tool handles itself (down sections, psql meta-commands,
   * placeholders) blanked out for the parser. Blanking keeps every char offset and line.
   */
  public SourceFile withParseText(String masked) {
    return withParseText(masked, java.util.List.of());
  }

  /** As {@link #withParseText(String)}, where {@code placeholders} were masked as identifiers. */
  public SourceFile withParseText(String masked, java.util.List<Placeholder> placeholders) {
    if (masked.length() != text.length()) throw new IllegalArgumentException("masked text must keep every offset");
    return new SourceFile(path, text, masked, bom, placeholders);
  }

  /** The placeholders masked for the parser, in text order. */
  public java.util.List<Placeholder> placeholders() {
    return placeholders;
  }

  /** A file built from a string (tests, stdin already decoded). */
  public static SourceFile of(String path, String text) {
    boolean bom = text.startsWith("\uFEFF");
    SourceFile file = new SourceFile(path, bom ? text.substring(1) : text, bom);
    int nul = file.text.indexOf('\0');
    if (nul >= 0) throw new InputException(path, Text.of("contains a NUL byte (binary file?)"), file.position(nul));
    return file;
  }

  /** Decodes raw bytes as UTF-8; rejects other encodings, invalid UTF-8 and NUL bytes with a position. */
  public static SourceFile decode(String path, byte[] raw) {
    if (raw.length >= 2 && ((raw[0] == (byte) 0xFF && raw[1] == (byte) 0xFE) || (raw[0] == (byte) 0xFE && raw[1] == (byte) 0xFF))) {
      throw new InputException(path, Text.of("is UTF-16 encoded; lockstep reads UTF-8 (convert it, e.g. iconv -f UTF-16 -t UTF-8)"));
    }
    int scan = Math.min(raw.length, 8000);
    int nulsAtStart = 0;
    for (int i = 0; i < scan; i++) if (raw[i] == 0) nulsAtStart++;
    if (nulsAtStart > 0 && nulsAtStart * 100 >= scan) {
      throw new InputException(path, Text.of("is a binary file, not SQL text"));
    }
    // plain ASCII, most SQL files: the same text without a decoder
    boolean ascii = true;
    for (byte b : raw) {
      if (b < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) return of(path, new String(raw, StandardCharsets.ISO_8859_1));
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(raw);
    CharBuffer out = CharBuffer.allocate(raw.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int bad = in.position();
      String prefix = out.flip().toString();
      SourceFile before = of(path, prefix.replace('\0', ' '));
      Position at = before.position(before.text.length());
      throw new InputException(path, Text.of("is not valid UTF-8: byte %s", String.format("0x%02X", raw[bad] & 0xff)), at);
    }
    decoder.flush(out);
    return of(path, out.flip().toString());
  }


  public String path() {
    return path;
  }

  /** The text without a leading byte-order mark. */
  public String text() {
    return text;
  }

  /** What the SQL parser reads: the text, with regions the migration tool handles blanked out. */
  public String parseText() {
    return parseText;
  }

  public boolean hasBom() {
    return bom;
  }

  public byte[] utf8() {
    if (utf8 == null) utf8 = parseText.getBytes(StandardCharsets.UTF_8);
    return utf8;
  }

  public Position position(int charOffset) {
    return lines().position(charOffset);
  }

  public int lineCount() {
    return lines().lineCount();
  }

  /** The text of 1-based line {@code line}, without its terminator. */
  public String lineText(int line) {
    int i = line - 1;
    LineMap l = lines();
    return text.substring(l.lineStart(i), l.lineEnd(i));
  }

  public int charOffsetOfByte(int byteOffset) {
    return offsets().toChar(byteOffset);
  }

  public int byteOffsetOfChar(int charOffset) {
    return offsets().toByte(charOffset);
  }

  public String text(Span span) {
    return text.substring(span.start(), span.end());
  }

  private ByteOffsets offsets() {
    if (bytes == null) bytes = new ByteOffsets(parseText);
    return bytes;
  }
}
