package dev.lockstep.cli.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.MigrationLinter;
import dev.lockstep.config.Config;
import dev.lockstep.config.PathRules;
import dev.lockstep.config.Settings;
import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.fix.Applicability;
import dev.lockstep.fix.Fix;
import dev.lockstep.rules.RuleDocs;
import dev.lockstep.rules.Rules;
import dev.lockstep.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.Position;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every rule's bad fixtures through the server, against what `lint` finds in the same file with the
 * same configuration: each finding is a diagnostic at its position, each of its fixes a quick fix
 * whose edits give the fix's text, and hovering it shows its rule's documentation.
 */
class EveryRuleTest {
  @TempDir
  Path dir;

  @Test
  void diagnosticsQuickFixesAndHoverForEveryRule() throws Exception {
    Path config = dir.resolve("lockstep.toml");
    List<String> ids = Rules.all().stream().map(Rule::id).sorted().toList();
    Files.writeString(config, "[rules]\nenable = [" + String.join(", ", ids.stream().map(i -> "\"" + i + "\"").toList()) + "]\n");
    List<Path> fixtures;
    try (Stream<Path> files = Files.walk(Path.of("test-fixtures"))) {
      fixtures = files.filter(p -> p.getNameCount() == 4 && p.getName(2).toString().equals("bad"))
          .filter(p -> p.toString().endsWith(".sql") && !p.toString().endsWith(".fixed.sql")
              && !p.toString().endsWith(".setup.sql"))
          .sorted().toList();
    }
    Map<Integer, List<Path>> byVersion = new TreeMap<>();
    for (Path f : fixtures) byVersion.computeIfAbsent(pgVersion(f), v -> new ArrayList<>()).add(f);
    for (var group : byVersion.entrySet()) check(config, group.getKey(), group.getValue());
    List<String> withFixtures = ids.stream().filter(id -> Files.isDirectory(Path.of("test-fixtures", id, "bad"))).toList();
    assertThat(diagnosed).containsAll(withFixtures);
    assertThat(hovered).containsAll(withFixtures);
    List<String> fixable = Rules.all().stream().filter(r -> r.info().fix() != RuleInfo.FixAvailability.NONE)
        .map(Rule::id).filter(withFixtures::contains).toList();
    assertThat(fixed).as("rules whose fixes were offered").containsAll(fixable);
  }

  private final Set<String> diagnosed = new HashSet<>();
  private final Set<String> fixed = new HashSet<>();
  private final Set<String> hovered = new HashSet<>();

  /** The fixture's {@code -- fixture: pg-version=N}, else the newest version. */
  private static int pgVersion(Path fixture) throws java.io.IOException {
    Matcher m = Pattern.compile("-- fixture:.*pg-version=(\\d+)").matcher(Files.readString(fixture));
    return m.find() ? Integer.parseInt(m.group(1)) : LintOptions.NEWEST_PG_VERSION;
  }

  private void check(Path config, int pg, List<Path> fixtures) throws Exception {
    Config loaded = Settings.loadConfig(config, dir);
    Settings settings = Settings.resolve(loaded, new Settings.Overrides(pg, false, List.of(), List.of(), null, null, false));
    MigrationLinter lint = new MigrationLinter(settings.options(), new PathRules(loaded), null, settings.includeDown(),
        settings.limits());
    try (LspSession s = LspSession.started(new ServerOptions(pg, null, config, 0))) {
      for (Path fixture : fixtures) {
        Path file = fixture.toAbsolutePath();
        String sql = Files.readString(file);
        FileResult expected = lint.lintAll(List.of(SourceFile.of(file.toString(), sql)), List.of(), 1).files().get(0);
        String uri = s.open(file, sql);
        List<Diagnostic> ds = s.diagnostics(uri, 1).getDiagnostics().stream()
            .filter(d -> !d.getCode().getLeft().equals(Diagnostics.SYNTAX_ERROR)).toList();
        assertThat(ds).as(fixture.toString()).hasSameSizeAs(expected.findings());
        for (int i = 0; i < ds.size(); i++) {
          Finding f = expected.findings().get(i);
          Diagnostic d = ds.get(i);
          String where = fixture + " " + f.ruleId() + " at " + f.start();
          assertThat(d.getCode().getLeft()).as(where).isEqualTo(f.ruleId());
          assertThat(d.getRange().getStart()).as(where).isEqualTo(new Position(f.start().line() - 1, f.start().column() - 1));
          assertThat(d.getMessage()).as(where).startsWith(f.message());
          assertThat(d.getCodeDescription().getHref()).as(where).endsWith("/" + f.ruleId() + ".md");
          diagnosed.add(f.ruleId());

          List<CodeAction> actions = LanguageServerTest.actions(s, uri, d.getRange(), d).stream()
              .filter(a -> a.getDiagnostics().contains(d)).toList();
          List<CodeAction> fixActions = new ArrayList<>(actions.subList(0, f.fixes().size()));
          for (int k = 0; k < f.fixes().size(); k++) {
            Fix fix = f.fixes().get(k);
            CodeAction a = fixActions.get(k);
            assertThat(a.getTitle()).as(where).startsWith(fix.title());
            assertThat(a.getIsPreferred()).as(where).isEqualTo(fix.applicability() == Applicability.SAFE);
            assertThat(LanguageServerTest.apply(sql, LanguageServerTest.edits(a, uri))).as(where).isEqualTo(fix.applyTo(sql));
            fixed.add(f.ruleId());
          }
          assertThat(actions.get(f.fixes().size()).getTitle()).as(where).startsWith("Suppress " + f.ruleId());
          if (f.rewrite() != null) assertThat(actions.get(f.fixes().size() + 1).getTitle()).as(where).startsWith("Show the safe rewrite");

          Hover hover = LanguageServerTest.hover(s, uri, d.getRange().getStart());
          assertThat(hover.getContents().getRight().getValue()).as(where).contains(RuleDocs.markdown(f.ruleId()));
          hovered.add(f.ruleId());
        }
        s.server.getTextDocumentService().didClose(new org.eclipse.lsp4j.DidCloseTextDocumentParams(
            new org.eclipse.lsp4j.TextDocumentIdentifier(uri)));
      }
    }
  }
}
