package dev.lockstep.wasmsplit;

/**
 * One decoded instruction: its opcode, where its bytes are in the code, and the immediates this
 * tool rewrites (label depths, block types, the callee or local index). Everything else is
 * copied as raw bytes.
 */
record Instr(int op, int start, int end, long blockType, int depth, int[] targets, int index) {
  static final int BLOCK = 0x02;
  static final int LOOP = 0x03;
  static final int IF = 0x04;
  static final int ELSE = 0x05;
  static final int END = 0x0b;
  static final int BR = 0x0c;
  static final int BR_IF = 0x0d;
  static final int BR_TABLE = 0x0e;
  static final int RETURN = 0x0f;
  static final int RETURN_CALL = 0x12;
  static final int RETURN_CALL_INDIRECT = 0x13;
  static final int LOCAL_GET = 0x20;
  static final int LOCAL_SET = 0x21;
  static final int LOCAL_TEE = 0x22;

  /** Block type "no params, no results" (the 0x40 encoding). */
  static final long EMPTY_BLOCK = -64;

  /**
   * The one value type a branch to this construct's label carries, 0 when it carries nothing, or
   * -1 when it carries something this tool does not handle (a block type given by type index).
   */
  int labelValue() {
    if (blockType == EMPTY_BLOCK || op == LOOP && blockType < 0) return 0; // a loop's label takes its params
    if (blockType < 0 && blockType >= -0x40) return (int) (blockType & 0x7f); // one value type, e.g. 0x7f i32
    return -1;
  }

  boolean opensBlock() {
    return op == BLOCK || op == LOOP || op == IF;
  }

  boolean branches() {
    return op == BR || op == BR_IF || op == BR_TABLE;
  }
}
