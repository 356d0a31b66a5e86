package dev.lockstep.wasmsplit;

/** Opcodes of the instructions the splitter writes itself. */
final class Op {
  static final int UNREACHABLE = 0x00;
  static final int BLOCK = 0x02;
  static final int LOOP = 0x03;
  static final int IF = 0x04;
  static final int ELSE = 0x05;
  static final int END = 0x0b;
  static final int BR = 0x0c;
  static final int BR_TABLE = 0x0e;
  static final int RETURN = 0x0f;
  static final int CALL = 0x10;
  static final int LOCAL_GET = 0x20;
  static final int LOCAL_SET = 0x21;
  static final int LOCAL_TEE = 0x22;
  static final int I32_CONST = 0x41;
  static final int I32_LT_U = 0x49;
  static final int I32_GE_U = 0x4f;
  static final int I32_SUB = 0x6b;
  /** Block type of a block without parameters or results. */
  static final int VOID = 0x40;

  private Op() {}
}
