package dev.lockstep.engine;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A rule's metadata, declared once on its class; `rules`, `explain` and reports read it. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleInfo {
  /** Kebab-case id; never changes once released. */
  String id();

  String title();

  Severity severity();

  /** Whether findings can carry machine-applicable fixes. */
  FixAvailability fix() default FixAvailability.NONE;

  /** Advice rules are off unless enabled with --enable. */
  boolean enabledByDefault() default true;

  /** Oldest PostgreSQL major the rule applies to. */
  int minPgVersion() default 0;

  /** Newest PostgreSQL major the rule applies to. */
  int maxPgVersion() default Integer.MAX_VALUE;

  enum FixAvailability { NONE, SOMETIMES, ALWAYS }
}
