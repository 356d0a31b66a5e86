package dev.lockstep.frameworks;

import dev.lockstep.i18n.Text;
import dev.lockstep.engine.TransactionPlan;
import dev.lockstep.engine.TransactionPlan.Mode;
import dev.lockstep.engine.TransactionPlan.Region;
import dev.lockstep.parse.Masks;
import dev.lockstep.parse.PsqlScript;
import dev.lockstep.source.Placeholder;
import dev.lockstep.source.SourceFile;
import dev.lockstep.source.Span;
import dev.lockstep.source.BoundedRead;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A migration file as its tool runs it: the parts that are not deployed (down sections) and the
 * parts the tool handles itself (markers, psql meta-commands, placeholders) blanked for the
 * parser, and how each part runs (in a transaction the tool opens, or statement by statement).
 *
 * @param skipped why the whole file is not linted (a down migration), or null
 */
public record MigrationScript(Framework framework, FrameworkDetector.Detection detection, SourceFile source,
                              TransactionPlan plan, String skipped) {
  private static final Pattern GOOSE_MARKER = Pattern.compile(
      "(?mi)^[ \\t]*--[ \\t]*\\+goose[ \\t]+(Up|Down|StatementBegin|StatementEnd|NO TRANSACTION|ENVSUB ON|ENVSUB OFF)\\b.*$");
  private static final Pattern DBMATE_MARKER = Pattern.compile("(?m)^[ \\t]*--[ \\t]*migrate:(up|down)\\b(.*)$");
  private static final Pattern CHANGESET = Pattern.compile("(?mi)^[ \\t]*--[ \\t]*changeset[ \\t]+\\S+(.*)$");
  private static final Pattern END_DELIMITER = Pattern.compile("(?i)endDelimiter:(\\S+)");
  private static final Pattern FLYWAY_PLACEHOLDER = Pattern.compile("\\$\\{[^}\\s]+}");
  private static final Pattern NODE_PG_MIGRATE_DOWN = Pattern.compile("(?im)^\\s*--[\\s-]*down\\s+migration");
  private static final Pattern GO_TEMPLATE = Pattern.compile("\\{\\{.*?}}");

  /** Interprets {@code source} (read from {@code path}); {@code override} forces a framework. */
  public static MigrationScript of(Path path, SourceFile source, Framework override, boolean includeDown) {
    return declared(path, source, override == null ? null : DeclaredRunner.tool(null, override), includeDown);
  }

  /**
   * Interprets {@code source} (read from {@code path}); {@code declared} (from --framework or
   * lockstep.toml) replaces detection.
   */
  public static MigrationScript declared(Path path, SourceFile source, DeclaredRunner declared, boolean includeDown) {
    return declared(path, source, declared, includeDown, System.getenv());
  }

  /** The same, with {@code environment} as the environment variables the migration tool sees (Flyway reads some). */
  public static MigrationScript declared(Path path, SourceFile source, DeclaredRunner declared, boolean includeDown,
                                         Map<String, String> environment) {
    FrameworkDetector.Detection d = declared == null ? FrameworkDetector.detect(path, source.text())
        : new FrameworkDetector.Detection(declared.framework(), declared.glob() == null ? Text.of("set with %s", "--framework")
            : Text.of("%s [frameworks] \"%s\"", "lockstep.toml", declared.glob()));
    String text = source.text();
    char[] masked = text.toCharArray();
    List<Placeholder> placeholders = new ArrayList<>();
    int length = text.length();
    Path real = Canonical.of(path); // the same verdict however the path is written
    String name = real.getFileName() == null ? "" : real.getFileName().toString();
    String unixPath = real.toString().replace('\\', '/');
    List<Region> regions = new ArrayList<>();
    List<TransactionPlan.ToolCut> cuts = new ArrayList<>();
    String skipped = null;
    FlywaySettings flyway = d.framework() == Framework.FLYWAY ? FlywaySettings.of(real, environment) : null;
    if (flyway != null) {
      d = new FrameworkDetector.Detection(d.framework(), Text.of("%s; Flyway settings from %s", d.evidence(),
          flyway.evidence()), d.notes()).withNotes(flyway.notes());
    }
    switch (d.framework()) {
      case GOOSE -> goose(text, masked, regions, includeDown);
      case DBMATE -> dbmate(text, masked, regions, includeDown);
      case LIQUIBASE -> liquibase(real, text, masked, regions, cuts);
      case FLYWAY -> {
        if (name.startsWith("U") && !includeDown) skipped = "Flyway undo migration";
        placeholders(FLYWAY_PLACEHOLDER, text, masked, placeholders);
        regions.add(new Region(0, length, flywayMode(real, flyway)));
      }
      case GOLANG_MIGRATE, HASURA -> {
        if (name.endsWith(".down.sql") || name.equals("down.sql")) skipped = includeDown ? null : "down migration";
        regions.add(new Region(0, length, Mode.ONE_CALL));
      }
      case PRISMA, SUPABASE -> regions.add(new Region(0, length, Mode.ONE_CALL));
      case DRIZZLE -> regions.add(new Region(0, length, Mode.WRAPPED));
      // node-pg-migrate sends the up section in one query, inside the run's one transaction
      case NODE_PG_MIGRATE -> nodePgMigrate(text, masked, regions, includeDown);
      // postgres-migrations sends the file in one query, in a transaction unless the file opts out
      case POSTGRES_MIGRATIONS -> regions.add(new Region(0, length,
          text.contains(FrameworkDetector.POSTGRES_MIGRATIONS_OPT_OUT) ? Mode.ONE_CALL : Mode.WRAPPED));
      case CUSTOM -> regions.add(new Region(0, length, customMode(declared, text)));
      case POP -> {
        if (name.endsWith(".down.sql") && !includeDown) skipped = "down migration";
        placeholders(GO_TEMPLATE, text, masked, placeholders);
        regions.add(new Region(0, length, name.contains(".autocommit.") ? Mode.AUTOCOMMIT : Mode.WRAPPED));
      }
      case SQITCH -> {
        if (unixPath.matches(".*/(revert|verify)/.*") && !includeDown) skipped = "sqitch revert/verify script";
        PsqlScript.mask(text, masked);
        regions.add(new Region(0, length, Mode.AUTOCOMMIT));
      }
      case PLAIN, SCHEMA_DUMP -> {
        if ((name.endsWith(".down.sql") || name.equals("down.sql")) && !includeDown) skipped = "down migration";
        PsqlScript.mask(text, masked);
        regions.add(new Region(0, length, Mode.AUTOCOMMIT));
      }
      default -> regions.add(new Region(0, length, Mode.AUTOCOMMIT));
    }
    TransactionPlan.Runner runner = d.framework() == Framework.CUSTOM
        ? new TransactionPlan.Runner(TransactionPlan.Tool.CUSTOM, declared.transaction() == DeclaredRunner.Transaction.PER_RUN,
            declared.optOut())
        : d.framework().runner();
    return new MigrationScript(d.framework(), d, source.withParseText(new String(masked), placeholders),
        new TransactionPlan(regions, tool(d.framework(), declared != null), flyway != null && flyway.transactionalLock(), runner,
            cuts),
        skipped);
  }

  /** What decided the framework, in words. */
  public Text reason() {
    return detection.evidence();
  }

  /** An in-house runner: its declared model, or none at all in a file holding its opt-out line. */
  private static Mode customMode(DeclaredRunner declared, String text) {
    if (declared.optOut() != null && text.lines().anyMatch(l -> l.strip().equals(declared.optOut().strip()))) {
      return Mode.AUTOCOMMIT;
    }
    return switch (declared.transaction()) {
      case PER_FILE, PER_RUN -> Mode.WRAPPED;
      case ONE_CALL -> Mode.ONE_CALL;
      case NONE -> Mode.AUTOCOMMIT;
    };
  }

  /** node-pg-migrate: the Up Migration section (to the Down Migration comment) is deployed. */
  private static void nodePgMigrate(String text, char[] masked, List<Region> regions, boolean includeDown) {
    Matcher up = FrameworkDetector.NODE_PG_MIGRATE.matcher(text);
    Matcher down = NODE_PG_MIGRATE_DOWN.matcher(text);
    int upStart = up.find() ? up.start() : 0;
    int downStart = down.find() ? down.start() : -1;
    int upEnd = downStart > upStart ? downStart : text.length();
    regions.add(new Region(upStart, upEnd, Mode.WRAPPED));
    if (downStart < 0) return;
    int downEnd = upStart > downStart ? upStart : text.length();
    if (includeDown) regions.add(new Region(downStart, downEnd, Mode.WRAPPED));
    else Masks.blank(masked, downStart, downEnd);
  }

  /** goose: lint the Up section (Down only when asked); NO TRANSACTION turns the wrapping off. */
  private static void goose(String text, char[] masked, List<Region> regions, boolean includeDown) {
    boolean noTransaction = false;
    int upStart = -1;
    int downStart = -1;
    Matcher m = GOOSE_MARKER.matcher(text);
    while (m.find()) {
      String marker = m.group(1).toUpperCase(Locale.ROOT);
      switch (marker) {
        case "UP" -> upStart = upStart < 0 ? m.end() : upStart;
        case "DOWN" -> downStart = downStart < 0 ? m.start() : downStart;
        case "NO TRANSACTION" -> noTransaction = true;
        // goose sends a StatementBegin..StatementEnd block as one statement: End terminates it
        case "STATEMENTEND" -> Masks.terminator(masked, m.start(), m.end());
        default -> { }
      }
    }
    Mode mode = noTransaction ? Mode.AUTOCOMMIT : Mode.WRAPPED;
    int end = text.length();
    if (downStart >= 0 && !includeDown) {
      Masks.blank(masked, downStart, end);
      end = downStart;
    }
    regions.add(new Region(upStart < 0 ? 0 : upStart, end, mode));
    if (includeDown && downStart >= 0) regions.add(new Region(downStart, text.length(), mode));
  }

  /** dbmate: lint migrate:up; "transaction:false" on its marker turns the wrapping off. */
  private static void dbmate(String text, char[] masked, List<Region> regions, boolean includeDown) {
    Matcher m = DBMATE_MARKER.matcher(text);
    List<int[]> sections = new ArrayList<>(); // start, markerEnd, isUp, transactional
    while (m.find()) {
      boolean transactional = !m.group(2).replace(" ", "").contains("transaction:false");
      sections.add(new int[] {m.start(), m.end(), m.group(1).equals("up") ? 1 : 0, transactional ? 1 : 0});
    }
    // a file without the up marker, in the folder .env names: dbmate refuses it, and it is linted as one wrapped migration
    if (sections.isEmpty()) regions.add(new Region(0, text.length(), Mode.WRAPPED));
    for (int i = 0; i < sections.size(); i++) {
      int[] s = sections.get(i);
      int end = i + 1 < sections.size() ? sections.get(i + 1)[0] : text.length();
      if (s[2] == 0 && !includeDown) {
        Masks.blank(masked, s[0], end);
        continue;
      }
      regions.add(new Region(s[1], end, s[3] == 1 ? Mode.WRAPPED : Mode.AUTOCOMMIT));
    }
  }

  /**
   * Liquibase formatted SQL: each changeset runs in its own transaction unless runInTransaction:false.
   * With splitStatements (its default) Liquibase cuts the changeset where {@link LiquibaseSplitter}
   * says and sends each piece in one call (a piece holding several statements is an implicit
   * transaction block); with splitStatements:false it sends the changeset in one call. An endDelimiter
   * (e.g. GO or /) on a line of its own ends a statement like a semicolon.
   */
  private static void liquibase(Path real, String text, char[] masked, List<Region> regions,
                                List<TransactionPlan.ToolCut> cuts) {
    if (!FrameworkDetector.LIQUIBASE.matcher(text).find()) {
      // not formatted SQL: the file of a changelog's sqlFile, run with its settings, or a plain SQL file
      // included as a changelog, which Liquibase runs whole, in one call, in a transaction
      LiquibaseChangelog log = LiquibaseChangelog.including(real);
      LiquibaseChangelog.Entry entry = log == null ? null : log.entry(real);
      LiquibaseChangelog.SqlFileSettings sqlFile = entry == null ? null : entry.settings();
      if (sqlFile == null) {
        regions.add(new Region(0, text.length(), Mode.WRAPPED));
      } else {
        changeset(text, masked, 0, text.length(), sqlFile.runInTransaction(), sqlFile.splitStatements(),
            sqlFile.endDelimiter(), -1, regions, cuts);
      }
      return;
    }
    Matcher m = CHANGESET.matcher(text);
    List<int[]> headers = new ArrayList<>(); // body start (the header line's end), runs in a transaction, splits
    List<String> delimiters = new ArrayList<>();
    while (m.find()) {
      String attrs = m.group(1);
      String flat = attrs.replace(" ", "").toLowerCase(Locale.ROOT);
      headers.add(new int[] {m.end(), flat.contains("runintransaction:false") ? 0 : 1,
          flat.contains("splitstatements:false") ? 0 : 1});
      Matcher d = END_DELIMITER.matcher(attrs);
      delimiters.add(d.find() ? d.group(1) : null);
    }
    for (int i = 0; i < headers.size(); i++) {
      int start = headers.get(i)[0];
      int end = i + 1 < headers.size() ? headers.get(i + 1)[0] : text.length();
      changeset(text, masked, start, end, headers.get(i)[1] == 1, headers.get(i)[2] == 1, delimiters.get(i), start,
          regions, cuts);
    }
  }

  /** One changeset's SQL at [start, end); {@code optOutAt} is where splitStatements:false goes, or -1. */
  private static void changeset(String text, char[] masked, int start, int end, boolean inTransaction, boolean splits,
                                String delimiter, int optOutAt, List<Region> regions, List<TransactionPlan.ToolCut> cuts) {
    List<LiquibaseSplitter.Cut> pieces = splits ? LiquibaseSplitter.cuts(text, start, end, delimiter) : List.of();
    for (LiquibaseSplitter.Cut c : pieces) {
      cuts.add(new TransactionPlan.ToolCut(c.start(), c.end(), optOutAt, inTransaction));
      // GO, / or the endDelimiter end a statement for the parser as they do for Liquibase
      if (!text.startsWith(";", c.start())) Masks.terminator(masked, c.start(), c.end());
    }
    if (inTransaction) {
      regions.add(new Region(start, end, Mode.WRAPPED));
    } else if (!splits) {
      regions.add(new Region(start, end, Mode.ONE_CALL));
    } else {
      int from = start;
      for (LiquibaseSplitter.Cut c : pieces) {
        regions.add(new Region(from, c.end(), Mode.ONE_CALL));
        from = c.end();
      }
      if (from < end) regions.add(new Region(from, end, Mode.ONE_CALL));
    }
    if (splits || delimiter == null || delimiter.equals(";")) return;
    Matcher line = Pattern.compile("(?m)^[ \\t]*" + Pattern.quote(delimiter) + "[ \\t]*$").matcher(text);
    line.region(start, end);
    while (line.find()) Masks.terminator(masked, line.start(), line.end());
  }

  /** The tool whose terms advice uses: a file that is plain SQL only for want of a marker has no known tool. */
  private static TransactionPlan.Tool tool(Framework framework, boolean declared) {
    if (framework == Framework.PLAIN && !declared) return TransactionPlan.Tool.UNKNOWN;
    return framework.tool();
  }

  /** A Flyway script's .conf holds a few settings; a bigger one, or a pipe, is not read. */
  private static final long MAX_CONF_BYTES = 1L << 20;

  /**
   * Flyway's mode for a script: its .conf's executeInTransaction when set, else the project's mixed
   * setting (see {@link TransactionPlan.Mode#FLYWAY_STRICT}).
   */
  private static Mode flywayMode(Path path, FlywaySettings settings) {
    Path conf = path.resolveSibling(path.getFileName() + ".conf");
    try {
      if (Files.exists(conf)) {
        String text = new String(BoundedRead.file(conf, MAX_CONF_BYTES), StandardCharsets.UTF_8).replace(" ", "");
        if (text.contains("executeInTransaction=false")) return Mode.AUTOCOMMIT;
        if (text.contains("executeInTransaction=true")) return Mode.WRAPPED;
      }
    } catch (java.io.IOException e) {
      // an unreadable .conf leaves Flyway's default
    }
    return settings.mixed() ? Mode.FLYWAY_AUTO : Mode.FLYWAY_STRICT;
  }

  /** Masks each placeholder as an identifier; one placeholder written twice gets the same one. */
  private static void placeholders(Pattern pattern, String text, char[] masked, List<Placeholder> out) {
    Map<String, Integer> ordinals = new HashMap<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      if (m.group().contains("\n")) { // a template spanning lines: no single identifier
        Masks.identifier(masked, m.start(), m.end());
        continue;
      }
      int ordinal = ordinals.computeIfAbsent(m.group(), k -> ordinals.size());
      String token = Masks.identifier(masked, m.start(), m.end(), ordinal);
      out.add(new Placeholder(new Span(m.start(), m.end()), m.group(), token));
    }
  }
}
