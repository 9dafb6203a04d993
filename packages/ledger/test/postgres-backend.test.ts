// A PostgreSQL ledger's connections as the server and its administrator see them: named, ended on
// close, surviving a server that drops them; and the errors a user gets when the server refuses.
import { inspect } from 'node:util';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { type Ledger, LedgerError, openLedger } from '../src/index.js';
import { BACKENDS, TEST_KEY } from './backends.js';

const postgres = BACKENDS[1] as (typeof BACKENDS)[1];
const disposers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const dispose of disposers.splice(0).reverse()) await dispose();
});

/** A new ledger on a database of its own, and a plain client on that database to look at it. */
async function freshLedger(): Promise<{
  ledger: Ledger;
  location: string;
  admin: pg.Client;
  close(): Promise<void>;
  drop(): Promise<void>;
}> {
  const { location, dispose } = await postgres.fresh();
  disposers.push(dispose);
  const ledger = await openLedger(location, { key: TEST_KEY });
  let closed = false;
  const close = async () => {
    closed = true;
    await ledger.close();
  };
  disposers.push(async () => {
    if (!closed) await close();
  });
  const admin = new pg.Client({ connectionString: location });
  admin.on('error', () => {}); // dropping the database ends this connection too
  await admin.connect();
  disposers.push(() => admin.end());
  return { ledger, location, admin, close, drop: dispose };
}

/** The application names of the other connections to the admin client's database. */
async function otherConnections(admin: pg.Client): Promise<string[]> {
  const { rows } = await admin.query<{ application_name: string }>(
    'SELECT application_name FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
  );
  return rows.map((row) => row.application_name);
}

async function failure(promise: Promise<unknown>): Promise<Error & { cause?: { code?: string } }> {
  return promise.then(
    () => expect.unreachable('it should have failed'),
    (error: Error & { cause?: { code?: string } }) => error,
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it holds, for at most `ms`. */
async function eventually(check: () => Promise<boolean>, ms = 3_000): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(20)) {
    if (await check()) return true;
  }
  return check();
}

describe('a PostgreSQL ledger’s connections', () => {
  it('are named mediajobs-ledger for the server’s administrator, and closing the ledger ends them', async () => {
    const { ledger, admin, close } = await freshLedger();
    await ledger.find('user-1');
    const named = await otherConnections(admin);
    expect(named.length).toBeGreaterThan(0);
    expect(new Set(named)).toEqual(new Set(['mediajobs-ledger']));
    await close();
    expect(await eventually(async () => (await otherConnections(admin)).length === 0)).toBe(true);
  });

  it('the server dropping its idle connections (a restart) neither crashes the process nor the next query', async () => {
    const { ledger, admin } = await freshLedger();
    await ledger.record({ subject: 'user-1', provider: 'tavus', id: 'v1' });
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      expect(await eventually(async () => (await otherConnections(admin)).length === 0)).toBe(true);
      await sleep(200); // the server's goodbye reaches the idle connections
      expect(await ledger.find('user-1')).toHaveLength(1);
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});

describe('a PostgreSQL ledger’s errors', () => {
  it('a server it cannot reach: the error names the ledger without user or password, and keeps why as its cause', async () => {
    const location = 'postgres://ledger-user:pg-secret-password@127.0.0.1:1/ledger';
    const error = await failure(openLedger(location, { key: TEST_KEY }));
    expect(error).toBeInstanceOf(LedgerError);
    expect(error.message).toMatch(
      /^the PostgreSQL ledger at postgres:\/\/127\.0\.0\.1:1\/ledger failed: .*ECONNREFUSED/,
    );
    expect(error.cause?.code).toBe('ECONNREFUSED');
  });

  it('a URL it cannot read is refused with a LedgerError that shows none of it', async () => {
    const location = 'postgres://ledger-user:pg-secret-password@127.0.0.1:99999/ledger';
    const error = await failure(openLedger(location, { key: TEST_KEY }));
    expect(error).toBeInstanceOf(LedgerError);
    expect(error.message).toBe('the PostgreSQL ledger at postgres://(unreadable URL) failed: Invalid URL');
    expect(inspect(error, { depth: 5 })).not.toMatch(/pg-secret-password|ledger-user/);
  });

  it('its database gone from under an open ledger: reads fail with a LedgerError naming the ledger', async () => {
    const { ledger, location, drop } = await freshLedger();
    await ledger.find('user-1');
    await drop();
    const error = await failure(ledger.find('user-1'));
    expect(error).toBeInstanceOf(LedgerError);
    const withoutUser = location.replace(/\/\/[^@/]*@/, '//');
    expect(error.message).toMatch(`the PostgreSQL ledger at ${withoutUser} failed: `);
  });

  it('a write the server refuses fails the batch with the server’s reason, and nothing is recorded', async () => {
    const { ledger, admin } = await freshLedger();
    await admin.query(`
      CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk quota exceeded'; END $$;
      CREATE TRIGGER refuse BEFORE INSERT ON resources FOR EACH ROW EXECUTE FUNCTION refuse();`);
    const records = [
      { subject: 'user-1', provider: 'tavus', id: 'v1' },
      { subject: 'user-1', provider: 'tavus', id: 'v2' },
    ];
    const error = await failure(ledger.recordMany(records));
    expect(error).toBeInstanceOf(LedgerError);
    expect(error.message).toMatch(/failed: disk quota exceeded$/);
    await admin.query('DROP TRIGGER refuse ON resources');
    expect(await ledger.find('user-1')).toEqual([]);
    expect(await ledger.recordMany(records)).toEqual({ recorded: 2, already: 0 });
  });

  it('a commit the server refuses is reported with its reason, not counted as recorded', async () => {
    const { ledger, admin } = await freshLedger();
    // A check that runs at COMMIT (a deferred constraint), as a serialization failure or a lost connection would fail it.
    await admin.query(`
      CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused at commit'; END $$;
      CREATE CONSTRAINT TRIGGER refuse AFTER INSERT ON resources DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION refuse();`);
    const error = await failure(ledger.record({ subject: 'user-1', provider: 'tavus', id: 'v1' }));
    expect(error).toBeInstanceOf(LedgerError);
    expect(error.message).toMatch(/failed: refused at commit$/);
    await admin.query('DROP TRIGGER refuse ON resources');
    expect(await ledger.find('user-1')).toEqual([]);
    expect(await ledger.record({ subject: 'user-1', provider: 'tavus', id: 'v1' })).toBe(true);
  });
});
