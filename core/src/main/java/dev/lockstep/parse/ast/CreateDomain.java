package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** {@code CREATE DOMAIN name AS type [constraints]}. */
public final class CreateDomain extends Node {
  CreateDomain(JsonNode fields) {
    super("CreateDomainStmt", fields);
  }

  public List<String> name() {
    return names("domainname");
  }

  /** The base type as SQL, e.g. "int4" or "varchar(20)". */
  public String baseType() {
    TypeName type = typed("typeName", TypeName::new);
    return type.sql();
  }

  public List<Constraint> constraints() {
    List<Constraint> out = new ArrayList<>();
    for (Node n : children("constraints")) if (n instanceof Constraint c) out.add(c);
    return out;
  }
}
