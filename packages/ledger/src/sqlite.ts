// The embedded ledger: one SQLite file (better-sqlite3), created readable by its owner only.
import { closeSync, existsSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Db, HeldLock, Params, Session } from './db.js';
import { LedgerError } from './errors.js';

/** How long a write waits for another process's write to finish before it fails. */
const BUSY_TIMEOUT_MS = 10_000;

/** SQLite wants booleans and bigints as numbers; everything else passes as is. */
const bind = (params: Params) => params.map((value) => (typeof value === 'boolean' ? Number(value) : value));

export function openSqlite(path: string): Db {
  createPrivately(path);
  let db: Database.Database;
  try {
    db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
    // WAL: readers never wait for the writer, and a write interrupted by a crash is rolled back.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  } catch (error) {
    throw new LedgerError(`cannot open the SQLite ledger ${path}: ${(error as Error).message}`, { cause: error });
  }
  // Prepared once per SQL text: recording in bulk runs the same few statements many times.
  const statements = new Map<string, Database.Statement>();
  const run = (sql: string, params: Params = []): { rows: unknown[]; changes: number } => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      if (statements.size < 100) statements.set(sql, statement);
    }
    if (statement.reader) return { rows: statement.all(...bind(params)), changes: 0 };
    return { rows: [], changes: statement.run(...bind(params)).changes };
  };
  return {
    dialect: 'sqlite',
    where: `sqlite:${path}`,
    async query<Row>(sql: string, params?: Params) {
      return busy(() => run(sql, params).rows as Row[]);
    },
    async begin(): Promise<Session> {
      const writes: [string, Params][] = [];
      return {
        async query<Row>(sql: string, params: Params = []) {
          if (/^\s*select\b/i.test(sql)) return busy(() => run(sql, params).rows as Row[]);
          writes.push([sql, params]);
          return [];
        },
        async commit() {
          // IMMEDIATE: the write lock is taken first, so the transaction never fails half-way on it.
          return busy(() =>
            db
              .transaction(() => writes.reduce((changed, [sql, params]) => changed + run(sql, params).changes, 0))
              .immediate(),
          );
        },
        async rollback() {
          writes.length = 0;
        },
      };
    },
    async tryLock(name) {
      return lockFile(`${path}.${name}.lock`);
    },
    async close() {
      db.close();
    },
  };
}

/** Creates the file (and its -wal/-shm, which SQLite gives the file's own mode) with mode 0600. */
function createPrivately(path: string) {
  if (existsSync(path)) return;
  try {
    // 'a', not 'wx': it follows a symlink to a file not there yet ('wx' failed on it, and SQLite made the file 0644),
    // and opens as it is a file another process has just created.
    closeSync(openSync(path, 'a', 0o600));
  } catch (error) {
    throw new LedgerError(`cannot create the SQLite ledger ${path}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * A lock that the operating system releases when the process dies: an exclusive transaction on a
 * small SQLite file of its own, held open. No pid to check, nothing stale to clean up.
 */
function lockFile(path: string): HeldLock | undefined {
  createPrivately(path);
  const lock = new Database(path, { timeout: 0 });
  try {
    lock.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return undefined;
    throw error;
  }
  return {
    async release() {
      if (!lock.open) return;
      lock.exec('ROLLBACK');
      lock.close();
    },
  };
}

/** Another process's write outlasted the busy timeout: say so, instead of SQLite's terse SQLITE_BUSY. */
function busy<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') {
      throw new LedgerError(
        `the SQLite ledger is busy: another process kept writing to it for ${BUSY_TIMEOUT_MS / 1000} s; try again, or use a PostgreSQL ledger for several processes`,
        { cause: error },
      );
    }
    throw error;
  }
}
