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
    return RelevantMigrations.select(names(file), texts, i -> {
      parsed.add(i);
      return names(texts.get(i));
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
  void followsRenamesAndForeignKeysBackwards() {
    assertThat(select("CREATE INDEX i ON invoices (total);",
        "CREATE TABLE bills (total numeric(10,2), customer bigint REFERENCES customers);",
        "CREATE TABLE customers (id bigint PRIMARY KEY);",
        "CREATE TABLE unrelated (total numeric);",
        "ALTER TABLE bills RENAME TO invoices;")).containsExactly(0, 3);
    // customers was created after bills' foreign key names it: not an earlier fact about invoices
  }

  @Test
  void keepsFilesThatChangeObjectsWithoutNamingThem() {
    assertThat(select("ALTER TABLE accounts ADD COLUMN x int;",
        "CREATE TABLE other (id int);",
        "SET search_path TO app;",
        "DROP TYPE mood CASCADE;",
        "DROP SCHEMA old;")).containsExactly(1, 2, 3);
  }

  @Test
  void quotedNamesThatAreNotOneWordAreFoundAnywhere() {
    assertThat(select("ALTER TABLE \"Order Items\" ADD COLUMN x int;",
        "CREATE TABLE \"Order Items\" (id int);", "CREATE TABLE items (id int);")).containsExactly(0);
  }
}
