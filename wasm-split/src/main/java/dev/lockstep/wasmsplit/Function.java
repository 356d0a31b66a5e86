package dev.lockstep.wasmsplit;

/**
 * A function defined in the module: its type index, the types of all its locals (parameters
 * first), and its instruction bytes (ending with the final {@code end}).
 */
record Function(int typeIndex, byte[] localTypes, int paramCount, byte[] code) {
  /** The body as the code section stores it: run-length local declarations, then the code. */
  byte[] encodeBody() {
    Bytes decls = new Bytes();
    int runs = 0;
    Bytes runBytes = new Bytes();
    int i = paramCount;
    while (i < localTypes.length) {
      int j = i;
      while (j < localTypes.length && localTypes[j] == localTypes[i]) j++;
      runBytes.u32(j - i).u8(localTypes[i]);
      runs++;
      i = j;
    }
    decls.u32(runs).raw(runBytes.toArray()).raw(code);
    return decls.toArray();
  }
}
