package dev.lockstep.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.parse.ObjectNames;
import dev.lockstep.parse.SqlParser;
import dev.lockstep.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which earlier migrations a file's verdicts can depend on. */
class RelevantMigrationsTest {
  private final SqlParser parser = new SqlParser();
  private final List<Integer> parsed = new ArrayList<>();

  private Set<String> names(String sql) {
    return ObjectNames.of(parser.parse(SourceFile.of("x.sql", sql)).statements());
  }

  private List<Integer> select(String file, String... earlier) {
    List<String> texts = List.of(earlier);
    return RelevantMigrations.select(names(file), texts.stream().map(RelevantMigrations.Text::of).toList(), i -> {
      parsed.add(i);
      return ObjectNames.lineage(parser.parse(SourceFile.of("x.sql", texts.get(i))).statements());
    });
  }

  @Test
  void objectNamesLeaveColumnsOut() {
    assertThat(names("""
        ALTER TABLE public.accounts VALIDATE CONSTRAINT accounts_email_nn;
        ALTER TABLE accounts ALTER COLUMN email SET NOT NULL;
        DROP INDEX app.idx_old;
        ALTER TYPE mood ADD VALUE 'meh';
        ALTER TABLE "Orders" RENAME TO orders_v1;
        ALTER TABLE t RENAME COLUMN c TO d;
        ALTER TABLE u ADD CONSTRAINT u_key UNIQUE USING INDEX u_key_idx;
        ALTER TABLE v ADD CONSTRAINT v_fk FOREIGN KEY (x) REFERENCES parents (id);
        """)).containsExactly("accounts", "accounts_email_nn", "app", "idx_old", "mood", "orders", "orders_v1", "parents",
        "t", "u", "u_key", "u_key_idx", "v", "v_fk");
  }

  @Test
  void keepsTheFilesThatNameTheObjectsAndParsesOnlyThose() {
    assertThat(select("ALTER TABLE accounts ALTER COLUMN email SET NOT NULL;",
        "CREATE TABLE accounts (id bigint, email text);",
        "CREATE TABLE orders (id bigint, email text);",
        "ALTER TABLE accounts ADD CONSTRAINT accounts_email_nn CHECK (email IS NOT NULL) NOT VALID;",
        "CREATE INDEX orders_email ON orders (email);",
        "ALTER TABLE accounts VALIDATE CONSTRAINT accounts_email_nn;")).containsExactly(0, 2, 4);
    assertThat(parsed).containsExactlyInAnyOrder(0, 2, 4);
  }

  @Test
  void followsRenamesCopiesAndIndexesBackwardsButNotForeignKeys() {
    assertThat(select("CREATE INDEX i ON invoices (total);",
        "CREATE TABLE customers (id bigint PRIMARY KEY);",
        "CREATE TABLE base (total numeric(10,2));",
        "CREATE TABLE bills (LIKE base, customer bigint REFERENCES customers);",
        "CREATE TABLE unrelated (total numeric);",
        "ALTER TABLE bills RENAME TO invoices;")).containsExactly(1, 2, 4);
    assertThat(select("DROP INDEX orders_total;", "CREATE TABLE orders (total int);", "CREATE TABLE other (total int);",
        "CREATE INDEX orders_total ON orders (total);")).containsExactly(0, 2);
  }

  @Test
  void aLaterFileThatNamesOnlyAnIndexOfAWantedTableIsKept() {
    // the DROP INDEX names no table: which table its index is on is known only from an earlier file
    assertThat(select("ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer) REFERENCES customers;",
        "CREATE TABLE orders (id int, customer int, total int);",
        "CREATE INDEX orders_customer ON orders (customer);",
        "CREATE INDEX other_customer ON other (customer);",
        "DROP INDEX other_customer;",
        "DROP INDEX orders_customer;")).containsExactly(0, 1, 4);
    // an unnamed index's name is PostgreSQL's default, followed through renames of the index
    assertThat(select("ALTER TABLE orders ADD COLUMN x int;",
        "CREATE TABLE orders (id int, total int);",
        "CREATE INDEX ON orders (total);",
        "ALTER INDEX orders_total_idx RENAME TO orders_by_total;",
        "CREATE TABLE unrelated (id int);",
        "DROP INDEX IF EXISTS orders_by_total;")).containsExactly(0, 1, 2, 4);
    // a table renamed away: its later name is followed too
    assertThat(select("CREATE TABLE orders (id int);",
        "CREATE TABLE orders (id int);",
        "ALTER TABLE orders RENAME TO orders_old;",
        "DROP TABLE orders_old;")).containsExactly(0, 1, 2);
  }

  @Test
  void aTableEveryMigrationReferencesDoesNotPullInEveryMigration() {
    String[] earlier = new String[50];
    earlier[0] = "CREATE TABLE users (id bigint PRIMARY KEY);";
    for (int i = 1; i < 50; i++) earlier[i] = "CREATE TABLE t" + i + " (id bigint, user_id bigint REFERENCES users);";
    assertThat(select("CREATE INDEX t40_user ON t40 (user_id);", earlier)).containsExactly(40);
    // a file that adds a foreign key to users needs what is known about users, not every reference to it
    assertThat(select("ALTER TABLE t40 ADD CONSTRAINT t40_owner FOREIGN KEY (id) REFERENCES public.users (id) NOT VALID;",
        earlier)).containsExactly(0, 40);
  }

  @Test
  void filesThatOnlyWriteRowsAreNotReplayed() {
    assertThat(select("ALTER TABLE accounts ADD COLUMN x int;",
        "CREATE TABLE accounts (id int);",
        "INSERT INTO accounts VALUES (1), (2), (3);",
        "UPDATE accounts SET id = id + 1 WHERE id > 2;",
        "INSERT INTO accounts SELECT 4;")).containsExactly(0, 3);
  }

  @Test
  void keepsFilesThatChangeObjectsWithoutNamingThem() {
    assertThat(select("ALTER TABLE accounts ADD COLUMN x int;",
        "CREATE TABLE other (id int);",
        "SET search_path TO app;",
        "DROP TYPE mood CASCADE;",
        "CREATE TABLE child (id int REFERENCES other ON DELETE CASCADE ON UPDATE CASCADE);",
        "DROP SCHEMA old;")).containsExactly(2, 4);
  }

  @Test
  void quotedNamesThatAreNotOneWordAreFoundAnywhere() {
    assertThat(select("ALTER TABLE \"Order Items\" ADD COLUMN x int;",
        "CREATE TABLE \"Order Items\" (id int);", "CREATE TABLE items (id int);")).containsExactly(0);
  }

  @Test
  void anEarlierFilesWordsAreThoseOfTheWordPattern() {
    java.util.regex.Pattern word = java.util.regex.Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_$]*");
    for (String text : List.of("CREATE TABLE Ärger_2 (x$1 int, \"Straße\" text) -- ½ 3rd Ⅻx ٣y",
        "ALTER TABLE a REFERENCES public.users (id), b REFERENCES c;", "_a1 1a a_1$ $a é9", "")) {
      Set<String> expected = new java.util.HashSet<>();
      java.util.regex.Matcher m = word.matcher(text.toLowerCase(java.util.Locale.ROOT));
      String previous = "";
      String beforePrevious = "";
      while (m.find()) {
        if (!previous.equals("references") && !beforePrevious.equals("references")) expected.add(m.group());
        beforePrevious = previous;
        previous = m.group();
      }
      assertThat(RelevantMigrations.Text.of(text).words()).as(text).isEqualTo(expected);
    }
  }
}
