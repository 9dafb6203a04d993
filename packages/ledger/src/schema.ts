// The ledger's tables, as numbered migrations applied in order when a ledger is opened. The same SQL
// runs on SQLite and PostgreSQL: TEXT, INTEGER and BIGINT only (times are milliseconds since 1970).
import type { Db } from './db.js';
import { LedgerError } from './errors.js';

/**
 * One step of the schema. Its statements must be safe to run twice (IF NOT EXISTS): two processes
 * opening a new SQLite ledger at once may both decide to apply it (SQLite reads before it takes the
 * write lock); PostgreSQL applies each once, under an advisory lock.
 */
interface Migration {
  version: number;
  statements: string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    statements: [
      // Settings: the key check, so that a ledger opened with another key is refused, not silently empty.
      'CREATE TABLE IF NOT EXISTS ledger_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)',
      // One row per resource and subject: `subject` is the keyed hash, never the identifier. The
      // erasure state is on the row, so that claiming it (a row lock) and seeing it is one thing.
      `CREATE TABLE IF NOT EXISTS resources (
        subject TEXT NOT NULL,
        provider TEXT NOT NULL,
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        recorded_at BIGINT NOT NULL,
        attempted_by TEXT,
        erased_at BIGINT,
        erased_by TEXT,
        PRIMARY KEY (subject, provider, kind, id)
      )`,
      'CREATE INDEX IF NOT EXISTS resources_by_age ON resources (provider, kind, created_at)',
      'CREATE INDEX IF NOT EXISTS resources_by_id ON resources (provider, id)',
      `CREATE TABLE IF NOT EXISTS erasures (
        id TEXT PRIMARY KEY,
        subject TEXT NOT NULL,
        hard INTEGER NOT NULL,
        asked_at BIGINT NOT NULL,
        finished_at BIGINT
      )`,
      'CREATE INDEX IF NOT EXISTS erasures_by_subject ON erasures (subject, finished_at)',
      // What each erasure request did to each resource: the evidence its report is built from.
      `CREATE TABLE IF NOT EXISTS outcomes (
        erasure TEXT NOT NULL,
        provider TEXT NOT NULL,
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        outcome TEXT NOT NULL,
        verified INTEGER,
        unverified TEXT,
        error_class TEXT,
        error TEXT,
        status INTEGER,
        request_id TEXT,
        at BIGINT NOT NULL,
        PRIMARY KEY (erasure, provider, kind, id)
      )`,
    ],
  },
];

export const SCHEMA_VERSION = Math.max(...MIGRATIONS.map((migration) => migration.version));

/**
 * Brings the ledger's schema up to SCHEMA_VERSION, in one transaction per run. Several processes
 * opening one new ledger at once migrate it once (PostgreSQL: a transaction-scoped advisory lock;
 * SQLite: the immediate write lock). A ledger made by a newer version of this package is refused.
 */
export async function migrate(db: Db): Promise<void> {
  const versions =
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)';
  // SQLite: one statement is atomic, and the session's reads need the table. PostgreSQL: even IF NOT
  // EXISTS races with another process's CREATE, so it waits for the lock first.
  if (db.dialect === 'sqlite') await db.query(versions);
  const session = await db.begin();
  try {
    if (db.dialect === 'postgres') {
      await session.query("SELECT pg_advisory_xact_lock(hashtext('mediajobs-ledger-migrate'))");
      await session.query(versions);
    }
    const rows = await session.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => Number(row.version)));
    const newest = Math.max(0, ...applied);
    if (newest > SCHEMA_VERSION) {
      throw new LedgerError(
        `the ledger at ${db.where} has schema version ${newest}, newer than this @mediajobs/ledger knows (${SCHEMA_VERSION}); upgrade @mediajobs/ledger`,
      );
    }
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements) await session.query(statement);
      await session.query('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?) ON CONFLICT DO NOTHING', [
        migration.version,
        Date.now(),
      ]);
    }
    await session.commit();
  } catch (error) {
    await session.rollback();
    throw error;
  }
}
