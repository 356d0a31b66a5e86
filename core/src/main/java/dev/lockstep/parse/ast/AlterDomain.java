package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** {@code ALTER DOMAIN name ...}. */
public final class AlterDomain extends Node {
  AlterDomain(JsonNode fields) {
    super("AlterDomainStmt", fields);
  }

  public List<String> typeName() {
    return names("typeName");
  }

  /** The constraint of {@code ADD CONSTRAINT} (subtype 'C'), if that is what the statement does. */
  public Optional<Constraint> addedConstraint() {
    if (!"C".equals(text("subtype"))) return Optional.empty();
    return child("def").filter(Constraint.class::isInstance).map(Constraint.class::cast);
  }
}
