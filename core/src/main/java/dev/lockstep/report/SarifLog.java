package dev.lockstep.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The frame every SARIF 2.1.0 log lockstep writes shares (lint's and preflight's): one run whose
 * tool is lockstep; the caller adds the rules and results.
 */
public record SarifLog(ObjectNode root, ObjectNode run, ObjectNode driver) {
  /** @param language the BCP 47 tag of the log's messages (SARIF's run.language) */
  public static SarifLog start(ObjectMapper json, String language) {
    ObjectNode root = json.createObjectNode();
    root.put("$schema", "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json");
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    run.put("language", language);
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "lockstep");
    driver.put("version", Version.current());
    driver.put("informationUri", Version.homepage());
    return new SarifLog(root, run, driver);
  }

  /** The path as a relative URI reference: forward slashes, spaces and non-ASCII percent-encoded. */
  public static String uri(String path) {
    try {
      return new URI(null, null, path.replace('\\', '/'), null).toASCIIString();
    } catch (URISyntaxException e) {
      return path.replace('\\', '/');
    }
  }
}
