package dev.lockstep.fix;

import dev.lockstep.parse.SyntaxError;
import java.util.List;

/** One lint of a file's text, as the fixer needs it: what can be fixed, and whether the text parsed. */
public interface LintPass {
  List<? extends Fixable> findings();

  List<SyntaxError> syntaxErrors();
}
