package dev.lockstep.wasmsplit;

/** Writes instructions. */
final class Code {
  final Bytes out = new Bytes();

  Code op(int opcode) {
    out.u8(opcode);
    return this;
  }

  /** An unsigned immediate, such as a local index. */
  Code index(int value) {
    out.u32(value);
    return this;
  }

  Code block() {
    out.u8(Op.BLOCK).u8(Op.VOID);
    return this;
  }

  Code loop() {
    out.u8(Op.LOOP).u8(Op.VOID);
    return this;
  }

  Code ifThen() {
    out.u8(Op.IF).u8(Op.VOID);
    return this;
  }

  Code end() {
    out.u8(Op.END);
    return this;
  }

  Code br(int depth) {
    out.u8(Op.BR).u32(depth);
    return this;
  }

  Code brTable(int[] targets, int fallback) {
    out.u8(Op.BR_TABLE).u32(targets.length);
    for (int t : targets) out.u32(t);
    out.u32(fallback);
    return this;
  }

  Code call(int function) {
    out.u8(Op.CALL).u32(function);
    return this;
  }

  Code get(int local) {
    out.u8(Op.LOCAL_GET).u32(local);
    return this;
  }

  Code set(int local) {
    out.u8(Op.LOCAL_SET).u32(local);
    return this;
  }

  Code tee(int local) {
    out.u8(Op.LOCAL_TEE).u32(local);
    return this;
  }

  Code i32(int value) {
    out.u8(Op.I32_CONST).s64(value);
    return this;
  }

  /** Copies an instruction of another function unchanged. */
  Code copy(byte[] code, Instr x) {
    out.raw(code, x.start(), x.end());
    return this;
  }

  Code copy(byte[] code, int from, int to) {
    out.raw(code, from, to);
    return this;
  }


  byte[] toArray() {
    return out.toArray();
  }
}
