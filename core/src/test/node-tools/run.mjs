// Runs one migrations folder with a Node migration tool, with the tool's default settings, and
// prints one JSON line: {"ok":true} or {"ok":false,"error":"..."}.
// Usage: node run.mjs TOOL FOLDER...; DATABASE_URL names the database. PGlite runs in memory, a new
// database per folder, so one process can run several folders (its start-up is the slow part);
// the other tools take one folder.
// The scripts of FOLDER/post-migrate (what lockstep fix --split writes for a Drizzle statement that
// cannot run in the migrator's transaction) run after the migrator, one query each, as a deploy would.
// A run that leaves an INVALID index behind counts as failed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [tool, ...folders] = process.argv.slice(2);
let folder = folders[0];
const url = process.env.DATABASE_URL;

function postMigrate() {
  const dir = join(folder, 'post-migrate');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.sql')).sort().map((f) => readFileSync(join(dir, f), 'utf8'));
}

async function withClient(work) {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

// A run that 'applied' but left an INVALID index (a failed concurrent build) did not apply cleanly.
const INVALID = "SELECT string_agg(indexrelid::regclass::text, ', ') AS names FROM pg_index WHERE NOT indisvalid";

function refuseInvalid(rows) {
  const names = rows[0] && rows[0].names;
  if (names) throw new Error(`invalid index left behind: ${names}`);
}

async function checkIndexes() {
  await withClient(async (client) => refuseInvalid((await client.query(INVALID)).rows));
}

const tools = {
  // drizzle-orm's migrator, which drizzle-kit migrate runs: every pending migration of the journal in one transaction
  async 'drizzle-pg'() {
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    await withClient(async (client) => {
      await migrate(drizzle(client), { migrationsFolder: folder });
      for (const sql of postMigrate()) await client.query(sql);
      refuseInvalid((await client.query(INVALID)).rows);
    });
  },
  async 'drizzle-pglite'() {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    const db = new PGlite();
    try {
      await migrate(drizzle(db), { migrationsFolder: folder });
      for (const sql of postMigrate()) await db.exec(sql);
      refuseInvalid((await db.query(INVALID)).rows);
    } finally {
      await db.close();
    }
  },
  // node-pg-migrate's CLI defaults: single-transaction, lock, check-order
  async 'node-pg-migrate'() {
    const { runner } = await import('node-pg-migrate');
    await runner({ databaseUrl: url, dir: folder, direction: 'up', migrationsTable: 'pgmigrations',
      singleTransaction: true, checkOrder: true, log: () => {} });
    await checkIndexes();
  },
  async 'postgres-migrations'() {
    const { migrate } = await import('postgres-migrations');
    await withClient((client) => migrate({ client }, folder, { logger: () => {} }));
    await checkIndexes();
  },
};

for (folder of folders) {
  try {
    if (!tools[tool]) throw new Error(`unknown tool ${tool}`);
    await tools[tool]();
    console.log(JSON.stringify({ ok: true }));
  } catch (e) {
    const cause = e && e.cause && e.cause.message ? ` (${e.cause.message})` : '';
    console.log(JSON.stringify({ ok: false, error: String(e && e.message ? e.message : e) + cause }));
  }
}
