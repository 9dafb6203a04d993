// The tests' PostgreSQL: freshPostgresDatabase (test-support/postgres.ts) on the run's server, and
// scripts/postgres.mjs, which CI uses to start and stop one.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { freshPostgresDatabase } from '../../test-support/postgres.js';
import { findPostgresBinDir } from '../postgres.mjs';

const script = fileURLToPath(new URL('../postgres.mjs', import.meta.url));

async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const databaseExists = async (serverUrl: string, name: string) =>
  (await query(serverUrl, 'SELECT 1 FROM pg_database WHERE datname = $1', [name])).length === 1;

const nameOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));
const serverOf = (url: string) => Object.assign(new URL(url), { pathname: '/postgres' }).toString();

describe('freshPostgresDatabase', () => {
  const drops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(drops.splice(0).map((drop) => drop()));
  });

  it('gives each caller a database of its own', async () => {
    const a = await freshPostgresDatabase('pg_test');
    const b = await freshPostgresDatabase('pg_test');
    drops.push(a.drop, b.drop);
    expect(nameOf(a.url)).toMatch(/^pg_test_[0-9a-f]{12}$/);
    expect(nameOf(a.url)).not.toBe(nameOf(b.url));

    await query(a.url, 'CREATE TABLE jobs (id text PRIMARY KEY)');
    await query(a.url, "INSERT INTO jobs VALUES ('job-1')");
    expect(await query(a.url, 'SELECT id FROM jobs')).toEqual([{ id: 'job-1' }]);
    expect(await query(b.url, "SELECT to_regclass('jobs') AS t")).toEqual([{ t: null }]);
    expect(await query(a.url, 'SELECT current_database() AS db')).toEqual([{ db: nameOf(a.url) }]);
  });

  it('makes a safe name of any prefix', async () => {
    const db = await freshPostgresDatabase('Ledger "x"; DROP DATABASE postgres; --');
    drops.push(db.drop);
    expect(nameOf(db.url)).toMatch(/^ledger_x_drop_database_postgres_[0-9a-f]{12}$/);
    expect(await query(db.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('drop() ends open connections and removes the database; a second drop() is harmless', async () => {
    const db = await freshPostgresDatabase('pg_test');
    const server = serverOf(db.url);
    const open = new pg.Client({ connectionString: db.url });
    open.on('error', () => {}); // terminated by drop()
    await open.connect();
    expect(await databaseExists(server, nameOf(db.url))).toBe(true);

    await db.drop();
    expect(await databaseExists(server, nameOf(db.url))).toBe(false);
    await expect(query(db.url, 'SELECT 1')).rejects.toThrow(/does not exist/);
    await db.drop();
    await open.end().catch(() => {});
  });
});

// CI's way: `node scripts/postgres.mjs start` prints the exports, `stop <dir>` ends the server and its folder.
describe.skipIf(!findPostgresBinDir())('scripts/postgres.mjs (needs the server binaries)', () => {
  it('starts a server that accepts connections, and stops it', async () => {
    const started = spawnSync(process.execPath, [script, 'start'], { encoding: 'utf8' });
    expect(started.stderr).toContain('PostgreSQL');
    expect(started.status).toBe(0);
    const exported = Object.fromEntries(
      [...started.stdout.matchAll(/^export (\w+)='([^']*)'$/gm)].map((m) => [m[1] as string, m[2] as string]),
    );
    const url = exported.MEDIAJOBS_TEST_POSTGRES_URL as string;
    const dir = exported.MEDIAJOBS_TEST_POSTGRES_DIR as string;
    try {
      expect(url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
      expect(await query(url, 'SELECT current_user AS user')).toEqual([{ user: 'postgres' }]);
    } finally {
      const stopped = spawnSync(process.execPath, [script, 'stop', dir], { encoding: 'utf8' });
      expect(stopped.stderr).toBe('');
      expect(stopped.status).toBe(0);
    }
    expect(existsSync(dir)).toBe(false);
    await expect(query(url, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('refuses to remove a folder it did not make', () => {
    const stopped = spawnSync(process.execPath, [script, 'stop', fileURLToPath(new URL('.', import.meta.url))], {
      encoding: 'utf8',
    });
    expect(stopped.status).toBe(1);
    expect(stopped.stderr).toMatch(/not a folder made by scripts\/postgres\.mjs/);
  });
});
