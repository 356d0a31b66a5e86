package dev.lockstep.source;

import java.util.Arrays;

/**
 * Converts UTF-8 byte offsets (what libpg_query reports) to char offsets in the Java string and
 * back. Stores one entry per non-ASCII character only, so ASCII files cost nothing.
 */
final class ByteOffsets {
  private final int[] byteAt; // byte offset of each non-ASCII character
  private final int[] charAt; // its char offset
  private final int[] extraAfter; // UTF-8 bytes minus UTF-16 chars, up to and including it

  ByteOffsets(String text) {
    int n = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (cp >= 0x80) n++;
      i += Character.charCount(cp);
    }
    byteAt = new int[n];
    charAt = new int[n];
    extraAfter = new int[n];
    int k = 0;
    int extra = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int chars = Character.charCount(cp);
      if (cp >= 0x80) {
        int bytes = cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        byteAt[k] = i + extra;
        charAt[k] = i;
        extra += bytes - chars;
        extraAfter[k] = extra;
        k++;
      }
      i += chars;
    }
  }

  int toChar(int byteOffset) {
    int i = Arrays.binarySearch(byteAt, byteOffset);
    int before = i >= 0 ? i - 1 : -i - 2; // last non-ASCII character starting before this byte
    return byteOffset - (before >= 0 ? extraAfter[before] : 0);
  }

  int toByte(int charOffset) {
    int i = Arrays.binarySearch(charAt, charOffset);
    int before = i >= 0 ? i - 1 : -i - 2;
    return charOffset + (before >= 0 ? extraAfter[before] : 0);
  }
}
