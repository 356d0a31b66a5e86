package dev.lockstep.maven;

import dev.lockstep.ConfiguredLinter;
import dev.lockstep.MigrationLinter;
import dev.lockstep.config.Config;
import dev.lockstep.config.ConfigException;
import dev.lockstep.config.PathRules;
import dev.lockstep.config.Settings;
import dev.lockstep.i18n.Catalog;
import dev.lockstep.i18n.LanguageChoice;
import dev.lockstep.i18n.TextException;
import dev.lockstep.input.InputProblem;
import dev.lockstep.input.SqlFiles;
import dev.lockstep.io.AtomicWrite;
import dev.lockstep.report.LintReport;
import dev.lockstep.report.Localized;
import dev.lockstep.report.Reporters;
import dev.lockstep.report.TextReporter;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Lints the project's migrations and fails the build on findings at or above the fail level.
 * By default it checks Flyway's and Liquibase's standard folders and reads the same lockstep.toml
 * (or .lockstep.yaml) as the command line, found in the project folder or a parent.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractMojo {
  static final List<String> DEFAULT_DIRECTORIES =
      List.of("src/main/resources/db/migration", "src/main/resources/db/changelog");

  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  File basedir;

  /** Files or folders to lint (default: the Flyway and Liquibase folders that exist). */
  @Parameter(property = "lockstep.paths")
  List<File> paths;

  /** Configuration file (default: lockstep.toml or .lockstep.yaml in the project folder or a parent). */
  @Parameter(property = "lockstep.config")
  File configFile;

  /** Fail on findings at least this severe: error, warning or hint (default: as configured, else warning). */
  @Parameter(property = "lockstep.failLevel")
  String failLevel;

  /** The PostgreSQL major the migrations run on (default: as configured, else the newest). */
  @Parameter(property = "lockstep.pgVersion")
  Integer pgVersion;

  /** Also lint down/undo migrations. */
  @Parameter(property = "lockstep.includeDown", defaultValue = "false")
  boolean includeDown;

  /** Also write a report in this format (sarif, json, junit, checkstyle, gitlab, gcc, github, text). */
  @Parameter(property = "lockstep.reportFormat", defaultValue = "sarif")
  String reportFormat;

  /** Where to write that report (default: none). */
  @Parameter(property = "lockstep.reportFile")
  File reportFile;

  @Parameter(property = "lockstep.skip", defaultValue = "false")
  boolean skip;

  /**
   * Language of the log and the report's messages: en, es or pt (default: lang in the configuration, then
   * LOCKSTEP_LANG, then the locale: LC_ALL, LC_MESSAGES, LANG).
   */
  @Parameter(property = "lockstep.lang")
  String lang;

  /** The language chosen so far: the parameter and the environment, then the configuration's lang as well. */
  private Catalog catalog = Catalog.ENGLISH;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    catalog = Catalog.of(LanguageChoice.resolve(lang, null, System.getenv()).language());
    if (skip) {
      getLog().info(catalog.translate("lockstep: skipped"));
      return;
    }
    if (reportFile != null && !Reporters.exists(reportFormat)) {
      throw new MojoExecutionException(catalog.format("lockstep: unknown reportFormat '%s' (one of %s)", reportFormat,
          String.join(", ", Reporters.names())));
    }
    ConfiguredLinter configured;
    try {
      Config config = Settings.loadConfig(configFile == null ? null : configFile.toPath(), basedir.toPath());
      LanguageChoice choice = LanguageChoice.resolve(lang, config.lang(), System.getenv());
      if (choice.note() != null) getLog().warn(choice.note());
      catalog = Catalog.of(choice.language());
      configured = ConfiguredLinter.of(config, new Settings.Overrides(pgVersion, false, List.of(), List.of(), null,
          failLevel, includeDown), null).withHistory(null, null, null);
    } catch (IllegalArgumentException e) { // a ConfigException too: in the file's own lang when it has one
      Catalog language = catalog;
      if (e instanceof ConfigException c && c.configuredLang() != null) {
        language = Catalog.of(LanguageChoice.resolve(lang, c.configuredLang(), System.getenv()).language());
      }
      throw new MojoExecutionException("lockstep: " + (e instanceof TextException t ? t.text().in(language) : e.getMessage()));
    }
    List<Path> roots = roots();
    if (roots.isEmpty()) {
      getLog().info(catalog.format("lockstep: no migrations (looked in %s)", String.join(", ", DEFAULT_DIRECTORIES)));
      return;
    }
    PathRules pathRules = configured.paths();
    SqlFiles found = SqlFiles.collect(roots);
    MigrationLinter linter = configured.linter();
    SqlFiles.Read read = SqlFiles.read(found.files().stream().filter(pathRules::included).toList(), linter.limits());
    List<InputProblem> problems = new ArrayList<>(found.problems());
    problems.addAll(read.problems());
    LintReport report = linter.lintAll(read.sources(), problems);
    int exit = report.exitCode(configured.settings().failLevel());
    log(report, exit);
    writeReport(report);
    if (exit == 2) {
      throw new MojoFailureException(catalog.translate("lockstep: some migrations could not be read or parsed (see above)"));
    }
    if (exit == 1) {
      long failing = report.findings().stream().filter(f -> f.severity().atLeast(configured.settings().failLevel())).count();
      String level = Localized.severity(configured.settings().failLevel(), catalog);
      throw new MojoFailureException(catalog.format(failing == 1
          ? "lockstep: %d finding at or above %s in the migrations (see above)"
          : "lockstep: %d findings at or above %s in the migrations (see above)", failing, level));
    }
  }

  private List<Path> roots() {
    List<Path> roots = new ArrayList<>();
    if (paths != null && !paths.isEmpty()) {
      for (File p : paths) roots.add(absolute(p));
      return roots;
    }
    for (String dir : DEFAULT_DIRECTORIES) {
      Path p = basedir.toPath().resolve(dir);
      if (Files.isDirectory(p)) roots.add(p);
    }
    return roots;
  }

  private Path absolute(File p) {
    return p.isAbsolute() ? p.toPath() : basedir.toPath().resolve(p.toPath());
  }

  /** The text report, line by line: as errors when they fail the build, so that IDEs and CI mark them. */
  private void log(LintReport report, int exit) {
    StringBuilder text = new StringBuilder();
    try {
      new TextReporter(false, catalog).write(report, text);
    } catch (IOException e) {
      throw new IllegalStateException(e); // a StringBuilder does not fail
    }
    for (String line : text.toString().split("\n")) {
      if (line.isEmpty()) continue;
      if (exit != 0) getLog().error(line);
      else if (!report.findings().isEmpty()) getLog().warn(line);
      else getLog().info(line);
    }
  }

  private void writeReport(LintReport report) throws MojoExecutionException {
    if (reportFile == null) return;
    StringBuilder text = new StringBuilder();
    try {
      Reporters.create(reportFormat, catalog).write(report, text);
      Path target = absolute(reportFile);
      if (target.getParent() != null) Files.createDirectories(target.getParent());
      AtomicWrite.replace(target, text.toString().getBytes(StandardCharsets.UTF_8));
      getLog().info(catalog.format("lockstep: wrote %s report to %s", reportFormat, target.toString()));
    } catch (IOException e) {
      throw new MojoExecutionException(catalog.format("lockstep: could not write %s: %s", reportFile.toString(),
          SqlFiles.describe(e)));
    }
  }
}
