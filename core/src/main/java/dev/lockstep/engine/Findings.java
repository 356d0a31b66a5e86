package dev.lockstep.engine;

import dev.lockstep.fix.Fix;
import dev.lockstep.fix.Relocation;
import dev.lockstep.i18n.Text;
import dev.lockstep.parse.Statement;
import dev.lockstep.source.SourceFile;
import dev.lockstep.source.Span;
import java.util.ArrayList;
import java.util.List;

/** Collects the findings of one file; rules call {@link #report} and fill in the builder. */
public final class Findings {
  private final SourceFile source;
  private final List<Builder> builders = new ArrayList<>();

  Findings(SourceFile source) {
    this.source = source;
  }

  public Builder report(Rule rule, Statement statement) {
    return report(rule, statement.span());
  }

  public Builder report(Rule rule, Span span) {
    Builder b = new Builder(rule.info(), span);
    builders.add(b);
    return b;
  }

  /** Whether {@code rule} has reported in this file already (for rules that report once per file). */
  public boolean reported(Rule rule) {
    String id = rule.id();
    for (Builder b : builders) if (b.info.id().equals(id)) return true;
    return false;
  }

  List<Finding> toList() {
    List<Finding> out = new ArrayList<>();
    Placeholders placeholders = new Placeholders(source);
    for (Builder b : builders) {
      if (b.message == null) throw new IllegalStateException(b.info.id() + " reported a finding without a message");
      out.add(new Finding(b.info.id(), b.severity != null ? b.severity : b.info.severity(), source.path(), b.span,
          source.position(b.span.start()), source.position(b.span.end()), placeholders.restore(b.message),
          placeholders.restore(b.lock), placeholders.restore(b.rewrite), b.fixes, b.relocation));
    }
    return out;
  }

  /** Details of one finding. */
  public static final class Builder {
    private final RuleInfo info;
    private final Span span;
    private Text message;
    private Severity severity;
    private LockFacts lock;
    private Rewrite rewrite;
    private final List<Fix> fixes = new ArrayList<>();
    private Relocation relocation;

    private Builder(RuleInfo info, Span span) {
      this.info = info;
      this.span = span;
    }

    /** The message: one English template (the catalogue key) with %s for names, SQL and numbers. */
    public Builder message(String format, Object... args) {
      this.message = Text.of(format, args);
      return this;
    }

    /** Overrides the rule's severity for this finding (e.g. a change that is only sometimes unsafe). */
    public Builder severity(Severity severity) {
      this.severity = severity;
      return this;
    }

    public Builder lock(LockFacts lock) {
      this.lock = lock;
      return this;
    }

    public Builder rewrite(Rewrite rewrite) {
      this.rewrite = rewrite;
      return this;
    }

    public Builder fix(Fix fix) {
      fixes.add(fix);
      return this;
    }

    /** The rewrite as a move to a new migration ({@code lockstep fix --split}), or null. */
    public Builder relocate(Relocation relocation) {
      this.relocation = relocation;
      return this;
    }
  }
}
