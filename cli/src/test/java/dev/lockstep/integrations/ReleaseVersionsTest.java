package dev.lockstep.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every place a user copies a release's version from names the same one: package.json's, which
 * pre-commit reads at the tag and the release workflow compares with the tag. A release that
 * updates some of them and forgets others fails here.
 */
class ReleaseVersionsTest {
  /** A semantic version, as npm and the release tags (v + version) have it. */
  static final String V = "(\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?)";
  static final List<Pattern> COPIED = List.of(
      Pattern.compile("\"lockstep@" + V + "\""),                        // the hooks' npm package
      Pattern.compile("\\brev: v" + V),                                // pre-commit configurations
      Pattern.compile("lockstep-dev/lockstep@v" + V),                  // GitHub Action
      Pattern.compile("<artifactId>lockstep-maven-plugin</artifactId>\\s*<version>" + V + "</version>"),
      Pattern.compile("releases/download/v" + V + "/"),                // the jar's download
      Pattern.compile("\\blockstep-" + V + "\\.jar"));                  // the jar's name

  static String releaseVersion() throws Exception {
    return new ObjectMapper().readTree(Path.of("package.json").toFile()).get("version").asText();
  }

  @Test
  void everyInstallLineNamesThePackagesVersion() throws Exception {
    String version = releaseVersion();
    assertThat(version).matches("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");
    List<String> wrong = new ArrayList<>();
    int found = 0;
    for (String file : List.of(".pre-commit-hooks.yaml", "README.md", "docs/ci.md", "docs/ide.md", "action.yml")) {
      String text = Files.readString(Path.of(file));
      for (Pattern p : COPIED) {
        Matcher m = p.matcher(text);
        while (m.find()) {
          found++;
          if (!m.group(1).equals(version)) {
            long line = text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            wrong.add(file + ":" + line + ": " + m.group() + " (expected " + version + ")");
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(found).as("install lines found").isGreaterThan(20);
  }

  @Test
  void theChangelogHasASectionForTheVersion() throws Exception {
    String changelog = Files.readString(Path.of("CHANGELOG.md"));
    assertThat(changelog).contains("\n## [" + releaseVersion() + "] - ")
        .contains("\n[" + releaseVersion() + "]: ");
  }
}
