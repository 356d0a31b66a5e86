package dev.lockstep.engine;

import dev.lockstep.i18n.Text;
import dev.lockstep.fix.LintPass;
import dev.lockstep.parse.SyntaxError;
import dev.lockstep.source.SourceFile;
import java.util.List;

/**
 * The outcome of linting one file: its findings, the findings its suppression comments silenced,
 * and the statements PostgreSQL rejected.
 */
public record FileResult(SourceFile source, List<Finding> findings, List<SuppressedFinding> suppressed,
                         List<SyntaxError> syntaxErrors, String framework, Detected detected) implements LintPass {
  public FileResult {
    findings = List.copyOf(findings);
    suppressed = List.copyOf(suppressed);
    syntaxErrors = List.copyOf(syntaxErrors);
  }

  public FileResult(SourceFile source, List<Finding> findings, List<SuppressedFinding> suppressed,
                    List<SyntaxError> syntaxErrors, String framework) {
    this(source, findings, suppressed, syntaxErrors, framework, null);
  }

  /**
   * Why the file was linted as its tool's.
   *
   * @param evidence what decided the tool, in words (a marker, a config file, a file-name convention)
   * @param notes configuration that could not be read, so that detection fell back to markers
   */
  public record Detected(Text evidence, List<Text> notes) {
    public Detected {
      notes = List.copyOf(notes);
    }
  }

  /** The same result, recording which migration tool's rules it was linted under. */
  public FileResult withFramework(String id) {
    return new FileResult(source, findings, suppressed, syntaxErrors, id, detected);
  }

  /** The same result, recording which migration tool's rules it was linted under and why. */
  public FileResult withFramework(String id, Detected why) {
    return new FileResult(source, findings, suppressed, syntaxErrors, id, why);
  }

  public String path() {
    return source.path();
  }
}
