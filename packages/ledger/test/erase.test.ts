// Erasing a subject against the fault server, on both backends: exactly the subject's resources,
// each outcome recorded and read back, reports that add up, resumption, and (PostgreSQL) several
// erasers at once.
import { createMediaJobs, type MediaJobs } from 'mediajobs';
import { describe, expect, it } from 'vitest';
import { type ErasureOutcome, type Ledger, type RecordInput, summarize } from '../src/index.js';
import { BACKENDS, drain, faultServer, freshLedger, freshLocation, openTestLedger } from './backends.js';

const KEY = 'sk_ledger_canary_9f8e7d';

function facade(url: string): MediaJobs {
  const vendor = { apiKey: KEY, baseUrl: url };
  return createMediaJobs({ tensorslab: vendor, tavus: vendor, bifrost: vendor, a2e: vendor, maxRetries: 1 });
}

/** `count` resources of `subject` across four vendors and several kinds. */
function resourcesOf(subject: string, count: number, prefix = subject.replace('user-', 'u')): RecordInput[] {
  const kinds = [
    ['tavus', 'video'],
    ['tavus', 'replica'],
    ['tensorslab', 'video'],
    ['tensorslab', 'image'],
    ['bifrost', 'video'],
    ['a2e', 'video'],
    ['a2e', 'voice'],
  ] as const;
  return Array.from({ length: count }, (_, i) => {
    const [provider, kind] = kinds[i % kinds.length] as (typeof kinds)[number];
    const id = provider === 'bifrost' ? `${prefix}-${i}:openai` : `${prefix}-${i}`;
    return { subject, provider, kind, id, createdAt: Date.UTC(2026, 10, 1) + i };
  });
}

const keyOf = (r: { provider: string; kind?: string; id: string }) => `${r.provider}/${r.kind}/${r.id}`;

describe.each(BACKENDS)('erasing on $name', (backend) => {
  const open = (): Promise<Ledger> => freshLedger(backend);

  it("deletes exactly the subject's resources, reads each back, and reports them", async () => {
    const vendor = await faultServer();
    const ledger = await open();
    const mine = resourcesOf('user-42', 21);
    await ledger.recordMany([...mine, ...resourcesOf('user-7', 7)]);
    const erasure = ledger.erase('user-42', facade(vendor.url));
    const outcomes = await drain(erasure);
    expect(outcomes).toHaveLength(21);
    expect(new Set(outcomes.map((o) => o.request))).toEqual(new Set([erasure.request]));
    expect(outcomes.every((o) => o.outcome === 'deleted')).toBe(true);
    // Tavus and Bifrost say not found; TensorsLab and A2E answer an unknown id with a generic error.
    const saysNotFound = (o: ErasureOutcome) => o.provider === 'tavus' || o.provider === 'bifrost';
    expect(outcomes.filter(saysNotFound).every((o) => o.verified === true && o.unverified === undefined)).toBe(true);
    for (const o of outcomes.filter((o) => !saysNotFound(o))) {
      expect(o.verified).toBeUndefined();
      expect(o.unverified).toMatch(
        /^the read failed without saying not found: (tensorslab: task not found|a2e: (video|voice) not found)$/,
      );
    }
    expect([...vendor.ledger.deleted].sort()).toEqual(mine.map(keyOf).sort());
    expect(vendor.ledger.repeats).toBe(0);

    const report = await ledger.report(erasure.request as string);
    expect(report).toMatchObject({ request: erasure.request, complete: true, hard: false });
    expect(report.subject).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(JSON.stringify(report)).not.toContain('user-42');
    expect(JSON.stringify(report)).not.toContain(KEY);
    expect(report.resources).toHaveLength(21);
    expect(report.counts.find((c) => c.provider === 'tavus' && c.kind === 'replica')).toMatchObject({
      recorded: 3,
      deleted: 3,
      verified: 3,
      unverified: 0,
    });
    expect(summarize(report)).toMatch(/tavus replica: 3 deleted \(3 verified\)/);
    expect(summarize(report)).toMatch(/a2e voice: 3 deleted \(0 verified, 3 not read back\)/);
    expect(summarize(report)).toMatch(/Complete: every recorded resource is erased/);
    expect((await ledger.find('user-42')).every((r) => r.erasedAt instanceof Date)).toBe(true);
    expect((await ledger.find('user-7')).some((r) => r.erasedAt)).toBe(false);

    // Asked again: nothing left to delete, and the new report says who erased them.
    const again = ledger.erase('user-42', facade(vendor.url));
    expect(await drain(again)).toEqual([]);
    const second = await ledger.report(again.request as string);
    expect(second.complete).toBe(true);
    expect(second.resources.every((r) => r.outcome === 'erased-earlier' && r.by === erasure.request)).toBe(true);
  });

  it('deletes derived kinds before what they are made from, and hard only where the kind takes it', async () => {
    const vendor = await faultServer();
    const ledger = await open();
    await ledger.recordMany([
      { subject: 's', provider: 'tavus', kind: 'replica', id: 'r1' },
      { subject: 's', provider: 'tavus', kind: 'video', id: 'v1' },
      { subject: 's', provider: 'tavus', kind: 'video', id: 'v2' },
      { subject: 's', provider: 'a2e', kind: 'video', id: 'a1' },
    ]);
    const paths: string[] = [];
    const jobs = createMediaJobs({
      tavus: { apiKey: KEY, baseUrl: vendor.url },
      a2e: { apiKey: KEY, baseUrl: vendor.url },
      fetch: async (input, init) => {
        const request = new Request(input, init);
        if (request.method === 'DELETE' || request.url.includes('delete'))
          paths.push(`${request.method} ${new URL(request.url).pathname}${new URL(request.url).search}`);
        return fetch(request);
      },
    });
    const outcomes = await drain(ledger.erase('s', jobs, { hard: true }));
    expect(outcomes.map((o) => o.outcome)).toEqual(['deleted', 'deleted', 'deleted', 'deleted']);
    const tavus = paths.filter((p) => p.includes('/v2/'));
    expect(tavus.slice(-1)).toEqual(['DELETE /v2/replicas/r1?hard=true']);
    expect(tavus.slice(0, 2).sort()).toEqual(['DELETE /v2/videos/v1?hard=true', 'DELETE /v2/videos/v2?hard=true']);
    expect(paths.find((p) => p.includes('hard') && !p.includes('/v2/'))).toBeUndefined();
  });

  it('records failures with their error, leaves them to retry, and counts a 404 as already gone', async () => {
    const vendor = await faultServer();
    const ledger = await open();
    await ledger.recordMany([
      { subject: 's', provider: 'tavus', id: 'denied-1' },
      { subject: 's', provider: 'tavus', id: 'gone-1' },
      { subject: 's', provider: 'tavus', id: 'v1' },
    ]);
    const erasure = ledger.erase('s', facade(vendor.url));
    const outcomes = await drain(erasure);
    const byId = Object.fromEntries(outcomes.map((o) => [o.id, o]));
    expect(byId['denied-1']).toMatchObject({ outcome: 'failed', error: { class: 'AuthenticationError', status: 401 } });
    expect(byId['denied-1']?.verified).toBeUndefined();
    expect(byId['gone-1']).toMatchObject({ outcome: 'already-gone', verified: true });
    expect(byId.v1).toMatchObject({ outcome: 'deleted', verified: true });
    const report = await ledger.report(erasure.request as string);
    expect(report.complete).toBe(false);
    expect(report.counts).toEqual([
      expect.objectContaining({
        provider: 'tavus',
        kind: 'video',
        recorded: 3,
        deleted: 1,
        alreadyGone: 1,
        failed: 1,
        verified: 2,
      }),
    ]);
    expect(summarize(report)).toMatch(/Not complete: some failed/);
    // The next request retries only what failed.
    const retry = ledger.erase('s', facade(vendor.url));
    expect((await drain(retry)).map((o) => `${o.id} ${o.outcome}`)).toEqual(['denied-1 failed']);
  });

  it('an erasure stopped half-way is resumed by the next one: nothing missed, nothing deleted twice', async () => {
    const vendor = await faultServer({ latencyMs: 20 });
    const ledger = await open();
    const mine = resourcesOf('user-42', 40);
    await ledger.recordMany(mine);
    const stop = new AbortController();
    const first = ledger.erase('user-42', facade(vendor.url), { signal: stop.signal, concurrency: 2 });
    const before: ErasureOutcome[] = [];
    for await (const outcome of first) {
      before.push(outcome);
      if (before.length === 10) stop.abort();
    }
    expect(before.length).toBeGreaterThanOrEqual(10);
    expect(before.length).toBeLessThan(40);
    const stopped = await ledger.report(first.request as string);
    expect(stopped.finishedAt).toBeUndefined();
    expect(stopped.complete).toBe(false);

    const second = ledger.erase('user-42', facade(vendor.url));
    const after = await drain(second);
    expect(second.request).toBe(first.request);
    const all = [...before, ...after];
    expect(new Set(all.map(keyOf)).size).toBe(all.length);
    expect(all.length).toBe(40);
    expect([...vendor.ledger.deleted].sort()).toEqual(mine.map(keyOf).sort());
    const report = await ledger.report(first.request as string);
    expect(report.complete).toBe(true);
    expect(report.resources.filter((r) => r.outcome === 'deleted' || r.outcome === 'already-gone')).toHaveLength(40);
  });

  it('a drained erasure finishes and records what was in flight, and is resumed later', async () => {
    const vendor = await faultServer({ latencyMs: 20 });
    const ledger = await open();
    await ledger.recordMany(resourcesOf('user-42', 30));
    const gently = new AbortController();
    const first = ledger.erase('user-42', facade(vendor.url), { drain: gently.signal, concurrency: 3 });
    const before: ErasureOutcome[] = [];
    for await (const outcome of first) {
      before.push(outcome);
      if (before.length === 5) gently.abort();
    }
    // Whatever was in flight when the drain fired ended with its real outcome, recorded.
    expect(before.every((o) => o.outcome === 'deleted')).toBe(true);
    expect(vendor.ledger.deleted.size).toBe(before.length);
    expect((await ledger.report(first.request as string)).finishedAt).toBeUndefined();
    const rest = await drain(ledger.erase('user-42', facade(vendor.url)));
    expect(before.length + rest.length).toBe(30);
    expect(rest.every((o) => o.outcome === 'deleted')).toBe(true);
  });

  it('refuses a bad subject or request id before anything happens', async () => {
    const ledger = await open();
    expect(() => ledger.erase('', facade('http://127.0.0.1:9'))).toThrow(/subject must not be empty/);
    await expect(ledger.report('no-such-request')).rejects.toThrow(/no erasure request "no-such-request"/);
    expect(() => ledger.erase('s', facade('http://127.0.0.1:9'), { concurrency: 0 })).toThrow(/concurrency/);
  });
});

describe('several erasers', () => {
  const [sqlite, postgres] = BACKENDS as [(typeof BACKENDS)[0], (typeof BACKENDS)[0]];

  it('PostgreSQL: two erasers of one subject and one of another delete every resource exactly once', async () => {
    const vendor = await faultServer({ latencyMs: 5 });
    const location = await freshLocation(postgres);
    const ledgers = await Promise.all([0, 1, 2].map(() => openTestLedger(location)));
    const [a, b, c] = ledgers as [Ledger, Ledger, Ledger];
    const mine = resourcesOf('user-42', 60);
    const theirs = resourcesOf('user-7', 30);
    await a.recordMany([...mine, ...theirs]);
    const erasures = [
      a.erase('user-42', facade(vendor.url)),
      b.erase('user-42', facade(vendor.url)),
      c.erase('user-7', facade(vendor.url)),
    ];
    const [one, two, other] = await Promise.all(erasures.map(drain));
    expect(one?.length).toBeGreaterThan(0);
    expect(two?.length).toBeGreaterThan(0);
    expect((one?.length ?? 0) + (two?.length ?? 0)).toBe(60);
    expect(other).toHaveLength(30);
    expect(vendor.ledger.repeats).toBe(0); // no delete (nor read) sent twice
    expect([...vendor.ledger.deleted].sort()).toEqual([...mine, ...theirs].map(keyOf).sort());
    for (const erasure of erasures) {
      const report = await a.report(erasure.request as string);
      expect(report.complete).toBe(true);
    }
    const reportOne = await a.report(erasures[0]?.request as string);
    expect(reportOne.resources).toHaveLength(60);
    expect(
      reportOne.resources.filter((r) => r.outcome === 'erased-earlier' && r.by === erasures[1]?.request),
    ).toHaveLength(two?.length ?? -1);
  });

  it('SQLite: a second eraser at the same time is refused with a clear message', async () => {
    const vendor = await faultServer({ latencyMs: 100 });
    const location = await freshLocation(sqlite);
    const first = await openTestLedger(location);
    const second = await openTestLedger(location);
    await first.recordMany(resourcesOf('user-42', 8));
    const running = first.erase('user-42', facade(vendor.url), { concurrency: 1 })[Symbol.asyncIterator]();
    // At its first outcome the lock is held, and the rest (a delete and a read, 100 ms each) go on.
    expect((await running.next()).done).toBe(false);
    await expect(drain(second.erase('user-7', facade(vendor.url)))).rejects.toThrow(
      /another erasure is running on the SQLite ledger .*use a PostgreSQL ledger/,
    );
    while (!(await running.next()).done) {}
    expect(vendor.ledger.deleted.size).toBe(8);
  });
});
