// Writing to a ledger: batches of any size, a write the database refuses, an empty batch, closing.
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../src/index.js';
import { BACKENDS, freshLedgerAt, freshLocation, TEST_KEY } from './backends.js';

/** Makes the database itself refuse a row (as a constraint, a full disk or a revoked grant would). */
async function refuseInDatabase(backend: string, location: string, { insertOf, updateOf }: Record<string, string>) {
  if (backend === 'sqlite') {
    const raw = new Database(location.slice('sqlite:'.length));
    raw.exec(`CREATE TRIGGER refuse_insert BEFORE INSERT ON resources WHEN NEW.id = '${insertOf}'
      BEGIN SELECT RAISE(ABORT, 'refused by the database'); END;
      CREATE TRIGGER refuse_update BEFORE UPDATE ON resources WHEN NEW.id = '${updateOf}'
      BEGIN SELECT RAISE(ABORT, 'refused by the database'); END;`);
    raw.close();
    return;
  }
  const client = new pg.Client({ connectionString: location });
  await client.connect();
  await client.query(`CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'refused by the database'; END $$`);
  await client.query(`CREATE TRIGGER refuse_insert BEFORE INSERT ON resources FOR EACH ROW
    WHEN (NEW.id = '${insertOf}') EXECUTE FUNCTION refuse()`);
  await client.query(`CREATE TRIGGER refuse_update BEFORE UPDATE ON resources FOR EACH ROW
    WHEN (NEW.id = '${updateOf}') EXECUTE FUNCTION refuse()`);
  await client.end();
}

describe.each(BACKENDS)('writing on $name', (backend) => {
  const open = () => freshLedgerAt(backend);

  it('records a batch of 11,000 in one call, more than one INSERT may carry on either database', async () => {
    const { ledger } = await open();
    // 11,000 records are 66,000 parameters: over SQLite's 32,766 and PostgreSQL's 65,535 in one statement.
    const records = Array.from({ length: 11_000 }, (_, i) => ({
      subject: `s${i % 2}`,
      provider: 'tavus',
      id: `v${i}`,
    }));
    expect(await ledger.recordMany(records)).toEqual({ recorded: 11_000, already: 0 });
    expect((await ledger.find('s1')).length).toBe(5_500);
  });

  it('a batch or a purge mark the database refuses fails whole, with its error, and writes nothing', async () => {
    const { ledger, location } = await open();
    await ledger.recordMany([
      { subject: 'user-1', provider: 'tavus', id: 'kept' },
      { subject: 'user-1', provider: 'tavus', id: 'refused-update' },
    ]);
    await refuseInDatabase(backend.name, location, { insertOf: 'refused-insert', updateOf: 'refused-update' });
    // The refused record is in the batch's second INSERT: the first one's 500 must not stay either.
    const batch = Array.from({ length: 600 }, (_, i) => ({ subject: 'user-2', provider: 'tavus', id: `v${i}` }));
    await expect(
      ledger.recordMany([...batch, { subject: 'user-2', provider: 'tavus', id: 'refused-insert' }]),
    ).rejects.toThrow(/refused by the database/);
    expect(await ledger.find('user-2')).toEqual([]);

    const purged = [
      { provider: 'tavus', kind: 'video', id: 'kept' },
      { provider: 'tavus', kind: 'video', id: 'refused-update' },
    ];
    await expect(ledger.markErased(purged, 'purge')).rejects.toThrow(/refused by the database/);
    expect((await ledger.find('user-1')).filter((r) => r.erasedAt)).toEqual([]);
    // Still usable after both failures.
    expect(await ledger.record({ subject: 'user-2', provider: 'tavus', id: 'after' })).toBe(true);
  });

  it('close lets go of the database: the ledger cannot be used after it', async () => {
    const ledger = await openLedger(await freshLocation(backend), { key: TEST_KEY });
    await ledger.record({ subject: 'user-1', provider: 'tavus', id: 'v1' });
    await ledger.close();
    await expect(ledger.find('user-1')).rejects.toThrow();
  });
});

describe('an SQLite ledger another process is writing to', () => {
  it('answers an empty batch at once, without waiting for the other write', async () => {
    const { ledger, location } = await freshLedgerAt(BACKENDS[0] as (typeof BACKENDS)[0]);
    const other = new Database(location.slice('sqlite:'.length));
    other.exec('BEGIN IMMEDIATE'); // holds the write lock, as a long transaction of another process would
    try {
      const started = Date.now();
      expect(await ledger.recordMany([])).toEqual({ recorded: 0, already: 0 });
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });
});
