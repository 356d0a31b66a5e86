package dev.lockstep.rules.support;

import java.util.Set;

/** serial, bigserial and smallserial: integers with a default from a sequence of their own. */
public final class SerialTypes {
  private static final Set<String> SERIAL = Set.of("serial", "serial4", "bigserial", "serial8", "smallserial", "serial2");

  private SerialTypes() {}

  public static boolean isSerial(String typeName) {
    return SERIAL.contains(typeName);
  }

  /** The integer type behind a serial type: bigint, smallint or integer. */
  public static String integerType(String serial) {
    if (serial.startsWith("big") || serial.equals("serial8")) return "bigint";
    if (serial.startsWith("small") || serial.equals("serial2")) return "smallint";
    return "integer";
  }
}
