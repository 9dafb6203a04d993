// Erasers on one PostgreSQL ledger and its advisory locks: each live eraser keeps its own request, and
// a request whose eraser stopped is resumed by the next one, from any process, whatever else runs.
import { createMediaJobs, type MediaJobs } from 'mediajobs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Ledger, openLedger } from '../src/index.js';
import { BACKENDS, drain, TEST_KEY } from './backends.js';

const postgres = BACKENDS[1] as (typeof BACKENDS)[1];
const disposers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const dispose of disposers.splice(0).reverse()) await dispose();
});

/** `count` ledgers (as many processes would open) on one new database. */
async function ledgers(count: number): Promise<Ledger[]> {
  const { location, dispose } = await postgres.fresh();
  disposers.push(dispose);
  const opened = await Promise.all(Array.from({ length: count }, () => openLedger(location, { key: TEST_KEY })));
  for (const ledger of opened) disposers.push(() => ledger.close());
  return opened;
}

/** A facade whose Tavus calls wait until `open()`, then answer 404 (the resource is already gone). */
function gatedTavus(): { jobs: MediaJobs; calls(): number; open(): void } {
  let open = () => {};
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  disposers.push(async () => open()); // a test that failed half-way lets its erasures end
  let calls = 0;
  const jobs = createMediaJobs({
    tavus: { apiKey: 'sk_test_postgres_gate', baseUrl: 'http://tavus.invalid' },
    fetch: async () => {
      calls += 1;
      await gate;
      return new Response(JSON.stringify({ message: 'not found' }), {
        status: 404,
        headers: { 'content-type': 'application/json' },
      });
    },
  });
  return { jobs, calls: () => calls, open };
}

/** An erasure of `subject` stopped before it erased anything: its request stays unfinished. */
async function stoppedErasure(ledger: Ledger, subject: string): Promise<string> {
  const vendor = gatedTavus();
  vendor.open();
  const stopped = ledger.erase(subject, vendor.jobs, { drain: AbortSignal.abort() });
  expect(await drain(stopped)).toEqual([]);
  const request = stopped.request as string;
  expect((await ledger.report(request)).finishedAt).toBeUndefined();
  return request;
}

describe('erasers on a PostgreSQL ledger', () => {
  it('two erasers of one subject at once each work on a request of their own', async () => {
    const [ledger] = (await ledgers(1)) as [Ledger];
    await ledger.recordMany([
      { subject: 'user-1', provider: 'tavus', id: 'v1' },
      { subject: 'user-1', provider: 'tavus', id: 'v2' },
    ]);
    const vendor = gatedTavus();
    const first = ledger.erase('user-1', vendor.jobs, { concurrency: 1 });
    const firstDone = drain(first);
    await vi.waitFor(() => expect(vendor.calls()).toBe(1));
    const second = ledger.erase('user-1', vendor.jobs, { concurrency: 1 });
    const secondDone = drain(second);
    await vi.waitFor(() => expect(vendor.calls()).toBe(2));
    expect(first.request).toEqual(expect.any(String));
    expect(second.request).toEqual(expect.any(String));
    expect(second.request).not.toBe(first.request);
    vendor.open();
    const outcomes = [...(await firstDone), ...(await secondDone)];
    expect(outcomes.map((o) => o.id).sort()).toEqual(['v1', 'v2']);
  });

  it('an erasure stopped in one process is resumed by the next eraser, in another process', async () => {
    const [one, other] = (await ledgers(2)) as [Ledger, Ledger];
    await one.record({ subject: 'user-1', provider: 'tavus', id: 'v1' });
    const request = await stoppedErasure(one, 'user-1');
    const vendor = gatedTavus();
    vendor.open();
    const resumed = other.erase('user-1', vendor.jobs);
    expect(await drain(resumed)).toMatchObject([{ id: 'v1', outcome: 'already-gone' }]);
    expect(resumed.request).toBe(request);
    expect((await other.report(request)).complete).toBe(true);
  });

  it('a stopped erasure is resumed while an erasure of another subject is running', async () => {
    const [ledger] = (await ledgers(1)) as [Ledger];
    await ledger.recordMany([
      { subject: 'user-1', provider: 'tavus', id: 'v1' },
      { subject: 'user-2', provider: 'tavus', id: 'v2' },
    ]);
    const request = await stoppedErasure(ledger, 'user-1');
    const busy = gatedTavus();
    const running = drain(ledger.erase('user-2', busy.jobs));
    await vi.waitFor(() => expect(busy.calls()).toBe(1));
    const quick = gatedTavus();
    quick.open();
    const resumed = ledger.erase('user-1', quick.jobs);
    expect(await drain(resumed)).toMatchObject([{ id: 'v1' }]);
    expect(resumed.request).toBe(request);
    busy.open();
    expect(await running).toMatchObject([{ id: 'v2' }]);
  });
});
