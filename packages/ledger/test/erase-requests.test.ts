// Erasure requests: what a resumed request keeps of `hard`, a database that refuses an outcome, the
// SQLite eraser's lock, and (PostgreSQL) an eraser next to a live one: a request of its own, the
// resources the other does not hold at once, and the one it holds once it lets go.
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { MediaJobs } from 'mediajobs';
import pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import { type ErasureOutcome, type Ledger, LedgerError, LedgerInputError, type RecordInput } from '../src/index.js';
import {
  BACKENDS,
  drain,
  type FacadeHooks,
  facadeOn,
  faultServer,
  freshLedgerAt,
  freshLocation,
  openTestLedger,
} from './backends.js';

const CREATED = Date.UTC(2026, 0, 5);

/** The facade on the fault server; `sent` gets each DELETE as `/path?query`, and `answer` may answer (or throw) instead. */
function facade(url: string, { sent = [], answer }: { sent?: string[] } & Pick<FacadeHooks, 'answer'> = {}): MediaJobs {
  return facadeOn(url, ['tavus'], {
    answer,
    seen: (request) => {
      const { pathname, search } = new URL(request.url);
      if (request.method === 'DELETE') sent.push(`${pathname}${search}`);
    },
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Tavus videos (a kind that takes `hard`) of subject `s`, created in this order. */
const tavusVideos = (...ids: string[]): RecordInput[] =>
  ids.map((id, i) => ({ subject: 's', provider: 'tavus', kind: 'video', id, createdAt: CREATED + i }));

/** Runs the statements on the ledger's database from a connection of its own (to make it refuse a write). */
async function onDatabase(location: string, statements: string): Promise<void> {
  if (location.startsWith('sqlite:')) {
    const db = new Database(location.slice('sqlite:'.length));
    try {
      db.exec(statements);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: location });
  await client.connect();
  try {
    await client.query(statements);
  } finally {
    await client.end();
  }
}

const REFUSE_POISON = {
  sqlite: `CREATE TRIGGER refuse_poison BEFORE INSERT ON outcomes WHEN NEW.id = 'poison-1'
           BEGIN SELECT RAISE(ABORT, 'disk full'); END;`,
  postgres: `CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$;
             CREATE TRIGGER refuse_poison BEFORE INSERT ON outcomes FOR EACH ROW WHEN (NEW.id = 'poison-1')
             EXECUTE FUNCTION refuse_poison();`,
};
const ALLOW_POISON = { sqlite: 'DROP TRIGGER refuse_poison;', postgres: 'DROP TRIGGER refuse_poison ON outcomes;' };

describe.each(BACKENDS)('erasure requests on $name', (backend) => {
  const open = () => freshLedgerAt(backend);

  /** An erasure of `s` stopped at its first outcome (one at a time: the rest stays to do); its request id. */
  async function stoppedAtFirst(ledger: Ledger, jobs: MediaJobs, hard: boolean): Promise<string> {
    const stop = new AbortController();
    const erasure = ledger.erase('s', jobs, { hard, signal: stop.signal, concurrency: 1 });
    for await (const _outcome of erasure) stop.abort();
    expect((await ledger.report(erasure.request as string)).finishedAt).toBeUndefined();
    return erasure.request as string;
  }

  /**
   * Stops an erasure asked with `first` after one Tavus video, resumes it asked with `then`, and
   * checks that what is left went with `hard` as `expected` says, as the report does.
   */
  async function resumedHard(first: boolean, then: boolean, expected: boolean): Promise<void> {
    const vendor = await faultServer({ latencyMs: 20 });
    const { ledger } = await open();
    await ledger.recordMany(tavusVideos('v1', 'v2', 'v3'));
    const firstSent: string[] = [];
    const request = await stoppedAtFirst(ledger, facade(vendor.url, { sent: firstSent }), first);
    expect(firstSent[0]).toBe(first ? '/v2/videos/v1?hard=true' : '/v2/videos/v1');

    const resumedSent: string[] = [];
    const resumed = ledger.erase('s', facade(vendor.url, { sent: resumedSent }), { hard: then });
    expect((await drain(resumed)).map((o) => o.id).sort()).toEqual(['v2', 'v3']);
    expect(resumed.request).toBe(request);
    const query = expected ? '?hard=true' : '';
    expect(resumedSent.sort()).toEqual([`/v2/videos/v2${query}`, `/v2/videos/v3${query}`]);
    expect(await ledger.report(request)).toMatchObject({ hard: expected, complete: true });
  }

  it('a request resumed with hard becomes hard: the rest is deleted hard, and the report says so', async () => {
    await resumedHard(false, true, true);
  });

  it('a hard request resumed without asking for hard stays hard', async () => {
    await resumedHard(true, false, true);
  });

  it('a request that no run asked hard for deletes nothing hard when resumed', async () => {
    await resumedHard(false, false, false);
  });

  it('a database that refuses to record an outcome fails the erasure with its error, leaving it to resume', async () => {
    const vendor = await faultServer();
    const { ledger, location } = await open();
    await ledger.recordMany(tavusVideos('v1', 'poison-1', 'v2'));
    await onDatabase(location, REFUSE_POISON[backend.name]);
    const erasure = ledger.erase('s', facade(vendor.url), { concurrency: 1 });
    const before: ErasureOutcome[] = [];
    const failure = await (async () => {
      for await (const outcome of erasure) before.push(outcome);
    })().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/disk full/);
    expect(before.map((o) => o.id)).toEqual(['v1']);
    const stopped = await ledger.report(erasure.request as string);
    expect(stopped.finishedAt).toBeUndefined();
    expect(stopped.resources.map((r) => `${r.id} ${r.outcome}`)).toEqual([
      'v1 deleted',
      'poison-1 pending',
      'v2 pending',
    ]);

    // Once the database takes it again, the next erasure resumes the request: poison-1 was deleted
    // at the vendor before its outcome was refused, so it is already gone now.
    await onDatabase(location, ALLOW_POISON[backend.name]);
    const resumed = ledger.erase('s', facade(vendor.url));
    expect((await drain(resumed)).map((o) => `${o.id} ${o.outcome}`).sort()).toEqual([
      'poison-1 already-gone',
      'v2 deleted',
    ]);
    expect(resumed.request).toBe(erasure.request);
    expect((await ledger.report(erasure.request as string)).complete).toBe(true);
  });
});

describe('one eraser at a time on SQLite', () => {
  const sqlite = BACKENDS.find((backend) => backend.name === 'sqlite') as (typeof BACKENDS)[number];

  it('a second eraser is refused with a LedgerError, not an input error', async () => {
    const vendor = await faultServer({ latencyMs: 30 });
    const location = await freshLocation(sqlite);
    const [first, second] = [await openTestLedger(location), await openTestLedger(location)];
    await first.recordMany(tavusVideos('v1', 'v2', 'v3'));
    const running = first.erase('s', facade(vendor.url), { concurrency: 1 })[Symbol.asyncIterator]();
    expect((await running.next()).done).toBe(false); // it holds the lock now
    const refused = await drain(second.erase('someone else', facade(vendor.url))).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(LedgerError);
    expect(refused).not.toBeInstanceOf(LedgerInputError);
    expect(String(refused)).toMatch(/^LedgerError: another erasure is running on the SQLite ledger/);
    while (!(await running.next()).done) {}
  });

  it('erasing and resuming leave one lock file beside the ledger, not one per request', async () => {
    const vendor = await faultServer({ latencyMs: 20 });
    const { ledger, location } = await freshLedgerAt(sqlite);
    await ledger.recordMany(tavusVideos('v1', 'v2', 'v3'));
    const locks = () => readdirSync(dirname(location.slice('sqlite:'.length))).filter((name) => name.endsWith('.lock'));

    const stop = new AbortController();
    const first = ledger.erase('s', facade(vendor.url), { signal: stop.signal, concurrency: 1 });
    for await (const _outcome of first) stop.abort();
    expect(locks()).toHaveLength(1);
    const resumed = ledger.erase('s', facade(vendor.url));
    await drain(resumed);
    expect(resumed.request).toBe(first.request);
    expect(locks()).toHaveLength(1);
  });
});

describe('PostgreSQL: an eraser beside a live one', () => {
  const postgres = BACKENDS.find((backend) => backend.name === 'postgres') as (typeof BACKENDS)[number];

  /** Fails instead of waiting past `ms` for what should come at once. */
  const within = <T>(ms: number, promise: Promise<T>): Promise<T> =>
    Promise.race([
      promise,
      sleep(ms).then(() => {
        throw new Error(`nothing within ${ms} ms`);
      }),
    ]);

  it('has a request of its own, erases at once what the other does not hold, and what it holds once it lets go', async () => {
    const vendor = await faultServer();
    const location = await freshLocation(postgres);
    const [a, b] = [await openTestLedger(location), await openTestLedger(location)];
    await a.recordMany(tavusVideos('r1', 'r2', 'r3', 'r4'));

    // The first eraser, one at a time, hangs in the delete of r3 until it is stopped.
    let holding!: () => void;
    const holdsR3 = new Promise<void>((resolve) => {
      holding = resolve;
    });
    const stopFirst = new AbortController();
    const hanging = facade(vendor.url, {
      answer: async (request) => {
        if (!(request.method === 'DELETE' && request.url.endsWith('/r3'))) return undefined;
        holding();
        await new Promise((resolve) => request.signal.addEventListener('abort', resolve));
        throw request.signal.reason;
      },
    });
    const first = a.erase('s', hanging, { signal: stopFirst.signal, concurrency: 1 });
    const firstOutcomes = drain(first);
    const second = b.erase('s', facade(vendor.url), { concurrency: 1 });
    const next = second[Symbol.asyncIterator]();
    // Whatever the test got to: both erasers end (and let go of their connections) before the ledgers close.
    onTestFinished(async () => {
      stopFirst.abort();
      await next.return?.();
      await firstOutcomes.catch(() => {});
    });
    await holdsR3;

    expect((await within(3_000, next.next())).value).toMatchObject({ id: 'r4', outcome: 'deleted' });
    expect(second.request).not.toBe(first.request);
    // r3 it waits for, rather than finishing without it.
    const afterR4 = next.next();
    await sleep(250);
    stopFirst.abort();
    expect((await within(3_000, afterR4)).value).toMatchObject({ id: 'r3', outcome: 'deleted' });
    expect((await next.next()).done).toBe(true);

    expect((await firstOutcomes).map((o) => o.id)).toEqual(['r1', 'r2']);
    expect([...vendor.ledger.deleted].sort()).toEqual(['r1', 'r2', 'r3', 'r4'].map((id) => `tavus/video/${id}`));
    expect((await b.report(second.request as string)).complete).toBe(true);
    expect((await a.report(first.request as string)).finishedAt).toBeUndefined();
  });
});
