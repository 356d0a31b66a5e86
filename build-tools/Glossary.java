import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes docs/glossary.md from PostgreSQL's own message catalogues, as Debian's postgresql-15
 * package installs them: for each term lockstep's Spanish and Portuguese use, the words lockstep
 * chose and the PostgreSQL messages (English and translated) that use the term, read with gettext's
 * msgunfmt. The server has a Spanish catalogue; for Brazilian Portuguese PostgreSQL ships only the
 * catalogues of PL/pgSQL, initdb, pg_ctl and the client programs, so a term they do not contain is
 * marked as lockstep's own choice.
 *
 * <p>Usage: {@code java build-tools/Glossary.java [LOCALE_DIR] > docs/glossary.md} (default /usr/share/locale).
 */
public final class Glossary {
  /** English term, Spanish, Portuguese, and the English words that find PostgreSQL messages using it. */
  record Term(String english, String spanish, String portuguese, String needle) {}

  static final List<Term> TERMS = List.of(
      new Term("lock", "bloqueo", "bloqueio", "lock on relation"),
      new Term("lock timeout", "tiempo de espera de bloqueos (lock_timeout)", "tempo de espera de bloqueio (lock_timeout)", "due to lock timeout"),
      new Term("statement timeout", "tiempo de espera de sentencias (statement_timeout)", "tempo de espera de comando (statement_timeout)", "due to statement timeout"),
      new Term("deadlock", "deadlock", "deadlock", "deadlock detected"),
      new Term("transaction block", "bloque de transacción", "bloco de transação", "cannot run inside a transaction block"),
      new Term("transaction", "transacción", "transação", "there is already a transaction in progress"),
      new Term("subtransaction", "subtransacción", "subtransação", "cannot run inside a subtransaction"),
      new Term("function", "función", "função", "cannot be executed from a function"),
      new Term("constraint", "restricción", "restrição", "constraint \"%s\" of relation \"%s\" does not exist"),
      new Term("check constraint", "restricción CHECK", "restrição CHECK", "check constraint \"%s\" already exists"),
      new Term("foreign key", "llave foránea", "chave estrangeira", "referenced in foreign key constraint does not exist"),
      new Term("not-null constraint", "restricción de no nulo (NOT NULL)", "restrição de não nulo (NOT NULL)", "violates not-null constraint"),
      new Term("null values", "valores null", "valores nulos", "contains null values"),
      new Term("NOT VALID", "NOT VALID", "NOT VALID", "cannot be marked NOT VALID"),
      new Term("index", "índice", "índice", "could not create unique index"),
      new Term("unique index", "índice único", "índice único", "is not a unique index"),
      new Term("concurrently", "concurrentemente (CONCURRENTLY)", "concorrentemente (CONCURRENTLY)", "concurrently"),
      new Term("table", "tabla", "tabela", "cannot truncate a table referenced"),
      new Term("partitioned table", "tabla particionada", "tabela particionada", "partitioned table \"%s\""),
      new Term("partition", "partición", "partição", "is not a partition of"),
      new Term("table rewrite", "reescritura de la tabla", "reescrita da tabela", "cannot rewrite"),
      new Term("relation", "relación", "relação", "relation \"%s\" does not exist"),
      new Term("column", "columna", "coluna", "column \"%s\" of relation \"%s\" does not exist"),
      new Term("row", "fila", "linha", "lock rows in relation"),
      new Term("sequence", "secuencia", "sequência", "sequence \"%s\" does not exist"),
      new Term("trigger", "disparador", "gatilho", "trigger \"%s\" for table \"%s\" does not exist"),
      new Term("materialized view", "vista materializada", "view materializada", "materialized view \"%s\""),
      new Term("schema", "esquema", "esquema", "schema \"%s\" does not exist"),
      new Term("domain", "dominio", "domínio", "of domain"),
      new Term("enum", "enum", "enum", "of enum type"),
      new Term("syntax error", "error de sintaxis", "erro de sintaxe", "syntax error"),
      new Term("database", "base de datos", "banco de dados", "database \"%s\" does not exist"),
      new Term("vacuum", "vacuum", "vacuum", "vacuum"),
      new Term("reindex", "reindexar", "reindexar", "reindex"));

  /** PostgreSQL's lock modes: SQL keywords, which PostgreSQL's catalogues leave in English. */
  static final List<String> LOCK_MODES = List.of("ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE",
      "SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE");

  public static void main(String[] args) throws Exception {
    Path locale = Path.of(args.length > 0 ? args[0] : "/usr/share/locale");
    Map<String, String> spanish = read(locale.resolve("es/LC_MESSAGES/postgres-15.mo"));
    Map<String, String> portuguese = new LinkedHashMap<>();
    List<String> ptCatalogs = new ArrayList<>();
    for (String name : List.of("plpgsql-15", "initdb-15", "pg_ctl-15", "pgscripts-15")) {
      Path mo = locale.resolve("pt_BR/LC_MESSAGES/" + name + ".mo");
      if (Files.exists(mo)) {
        portuguese.putAll(read(mo));
        ptCatalogs.add(name + ".mo");
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("# Glossary: PostgreSQL's terms in Spanish and Brazilian Portuguese\n\n")
        .append("lockstep's Spanish and Portuguese messages use PostgreSQL's own translations of its terms, and quote\n")
        .append("PostgreSQL's translated error text where a message cites an error. This file is generated by\n")
        .append("`java build-tools/Glossary.java > docs/glossary.md` from the message catalogues that Debian's\n")
        .append("PostgreSQL 15 packages install, read with gettext's `msgunfmt`: the server's Spanish catalogue\n")
        .append("(`es/LC_MESSAGES/postgres-15.mo`, ").append(spanish.size()).append(" translated messages) and, for Brazilian Portuguese,\n")
        .append("the catalogues PostgreSQL ships in pt_BR (").append(String.join(", ", ptCatalogs)).append(", ")
        .append(portuguese.size()).append(" translated messages);\n")
        .append("the server itself has no pt_BR catalogue. Where no PostgreSQL message uses a term, the word is\n")
        .append("lockstep's choice in common Brazilian usage, marked *(lockstep)*.\n\n")
        .append("## Lock modes\n\nPostgreSQL's catalogues keep the lock modes in English (they are SQL keywords), and so does\n")
        .append("lockstep in every language: ").append(String.join(", ", LOCK_MODES.stream().map(m -> "`" + m + "`").toList()))
        .append(".\n\n## Terms\n\n| English | Español | Português (Brasil) | PostgreSQL (es) | PostgreSQL (pt_BR) |\n|---|---|---|---|---|\n");
    for (Term t : TERMS) {
      String pt = example(portuguese, t.needle());
      if (pt.equals("—")) pt = example(portuguese, " " + t.english() + " "); // the term anywhere in a message
      out.append("| ").append(t.english()).append(" | ").append(t.spanish()).append(" | ").append(t.portuguese())
          .append(pt.equals("—") ? " *(lockstep)*" : "").append(" | ").append(example(spanish, t.needle()))
          .append(" | ").append(pt).append(" |\n");
    }
    out.append("\nA cell with an example shows the first PostgreSQL message (by English text) that contains the term,\n")
        .append("as `English` → translation; \"—\" means no message of that catalogue contains it.\n\n")
        .append("## PostgreSQL errors quoted in messages\n\n")
        .append("Where a finding cites an error PostgreSQL raises, the Spanish message quotes the server's Spanish\n")
        .append("text from the catalogue above (for example `%s cannot run inside a transaction block` →\n")
        .append("«%s no puede ser ejecutado dentro de un bloque de transacción»; `unsafe use of new value \"%s\" of enum\n")
        .append("type %s` → «uso inseguro del nuevo valor «%s» del tipo enum»; PostgreSQL's parser errors such as\n")
        .append("`syntax error at or near \"X\"` → «error de sintaxis en o cerca de «X»»). The server has no Brazilian\n")
        .append("Portuguese catalogue, so the Portuguese messages quote PostgreSQL's English error text, which is\n")
        .append("what a pt_BR server prints, and translate the parser's syntax errors themselves.\n");
    System.out.print(out);
  }

  /** The first translated message (in English order) whose English text contains the words, as a table cell. */
  static String example(Map<String, String> catalog, String needle) {
    return catalog.entrySet().stream()
        .filter(e -> e.getKey().contains(needle) && !e.getValue().isEmpty() && !e.getKey().contains("\n"))
        .sorted(Map.Entry.comparingByKey())
        .findFirst()
        .map(e -> "`" + cell(e.getKey()) + "` → " + cell(e.getValue()))
        .orElse("—");
  }

  static String cell(String s) {
    return s.replace("|", "\\|").replace("`", "'");
  }

  /** A .mo catalogue as English message to translation, through msgunfmt's .po output. */
  static Map<String, String> read(Path mo) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("msgunfmt", "--no-wrap", mo.toString()).redirectErrorStream(false).start();
    String po = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IOException("msgunfmt failed on " + mo);
    Map<String, String> out = new LinkedHashMap<>();
    String id = null;
    for (String line : po.split("\n")) {
      if (line.startsWith("msgid \"")) id = unquote(line.substring(6));
      else if (line.startsWith("msgstr \"") && id != null) {
        if (!id.isEmpty()) out.put(id, unquote(line.substring(7)));
        id = null;
      }
    }
    return out;
  }

  static String unquote(String quoted) {
    String s = quoted.substring(1, quoted.length() - 1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        out.append(switch (n) { case 'n' -> '\n'; case 't' -> '\t'; default -> n; });
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
