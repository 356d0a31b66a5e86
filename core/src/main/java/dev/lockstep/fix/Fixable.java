package dev.lockstep.fix;

import java.util.List;

/** Something a lint reports that may carry fixes (a finding). */
public interface Fixable {
  List<Fix> fixes();
}
