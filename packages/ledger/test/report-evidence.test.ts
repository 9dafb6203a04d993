// The evidence an erasure report gives, on both backends: every resource as its outcome was stored
// (read back or why not, the vendor's error), counts that add up, and what keeps it from complete.
// The vendor is an in-process Tavus whose answer depends on the video id, so each outcome is exact.
import { createMediaJobs, type MediaJobs } from 'mediajobs';
import { describe, expect, it } from 'vitest';
import type { KindCounts, Ledger } from '../src/index.js';
import { BACKENDS, drain, freshLedger } from './backends.js';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/**
 * Tavus videos by id prefix: `gone-` was deleted already (404), `denied-` is refused (401, with a
 * request id), `offline-` never answers, `stays-` reads back as ready after its delete, `unreadable-`
 * fails its read with a 500; any other id is deleted and then read back as not found.
 */
function tavus(): MediaJobs {
  return createMediaJobs({
    tavus: { apiKey: 'sk_report_test', baseUrl: 'http://tavus.invalid' },
    maxRetries: 0,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      const id = decodeURIComponent(new URL(request.url).pathname.split('/').at(-1) ?? '');
      if (request.method === 'DELETE') {
        if (id.startsWith('gone-')) return json(404, { error: 'video not found' });
        if (id.startsWith('denied-'))
          return json(401, { error: 'not allowed for this key' }, { 'x-request-id': 'req-7' });
        if (id.startsWith('offline-')) throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
        return new Response('', { status: 200 });
      }
      if (id.startsWith('stays-')) return json(200, { video_id: id, status: 'ready' });
      if (id.startsWith('unreadable-')) return json(500, { error: 'internal error' });
      return json(404, { error: 'video not found' });
    },
  });
}

const CREATED = Date.UTC(2026, 10, 1);
const createdAt = (i: number) => new Date(CREATED + i).toISOString();

/** The counts of Tavus videos: those given, every other one 0. */
function videoCounts(counts: Partial<KindCounts>): KindCounts {
  const outcomes = { deleted: 0, alreadyGone: 0, erasedEarlier: 0, failed: 0, pending: 0 };
  const checks = { verified: 0, unverified: 0, stillThere: 0 };
  return { provider: 'tavus', kind: 'video', recorded: 0, ...outcomes, ...checks, ...counts };
}

describe.each(BACKENDS)('erasure reports on $name', (backend) => {
  const open = (): Promise<Ledger> => freshLedger(backend);
  const record = (ledger: Ledger, subject: string, ids: string[], from = 0) =>
    ledger.recordMany(ids.map((id, i) => ({ subject, provider: 'tavus', id, createdAt: CREATED + from + i })));

  it("gives each resource's stored outcome: read back or why not, the vendor's error with its status and request id", async () => {
    const ledger = await open();
    await record(ledger, 's', ['v-1', 'gone-1', 'unreadable-1', 'denied-1', 'offline-1']);
    const erasure = ledger.erase('s', tavus());
    await drain(erasure);
    const report = await ledger.report(erasure.request as string);
    const video = { provider: 'tavus', kind: 'video' };
    const at = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // toEqual also fails on a key present with null (a stored NULL read back as a value).
    expect(report.resources).toEqual([
      { ...video, id: 'v-1', outcome: 'deleted', verified: true, createdAt: createdAt(0), at },
      { ...video, id: 'gone-1', outcome: 'already-gone', verified: true, createdAt: createdAt(1), at },
      {
        ...video,
        id: 'unreadable-1',
        outcome: 'deleted',
        unverified: expect.stringMatching(/^the read failed without saying not found: .*internal error/),
        createdAt: createdAt(2),
        at,
      },
      {
        ...video,
        id: 'denied-1',
        outcome: 'failed',
        error: { class: 'AuthenticationError', message: expect.stringContaining('not allowed'), status: 401 },
        requestId: 'req-7',
        createdAt: createdAt(3),
        at,
      },
      {
        ...video,
        id: 'offline-1',
        outcome: 'failed',
        error: { class: 'ConnectionError', message: expect.stringContaining('ECONNREFUSED') },
        createdAt: createdAt(4),
        at,
      },
    ]);
    // Failures count as failed only: neither read back nor left unread.
    expect(report.counts).toEqual([
      videoCounts({ recorded: 5, deleted: 2, alreadyGone: 1, failed: 2, verified: 2, unverified: 1 }),
    ]);
    expect(report.complete).toBe(false);
  });

  it('a resource read back as still there after its delete keeps a finished erasure from complete', async () => {
    const ledger = await open();
    await record(ledger, 's', ['v-1', 'stays-1']);
    const erasure = ledger.erase('s', tavus());
    await drain(erasure);
    const report = await ledger.report(erasure.request as string);
    expect(report.finishedAt).toBeDefined();
    expect(report.resources.map((r) => [r.id, r.outcome, r.verified])).toEqual([
      ['v-1', 'deleted', true],
      ['stays-1', 'deleted', false],
    ]);
    expect(report.counts).toEqual([videoCounts({ recorded: 2, deleted: 2, verified: 1, stillThere: 1 })]);
    expect(report.complete).toBe(false);
  });

  it('a resource recorded after its erasure ran is pending in its report, and the erasure is not complete', async () => {
    const ledger = await open();
    await record(ledger, 's', ['v-1']);
    const erasure = ledger.erase('s', tavus());
    await drain(erasure);
    const before = await ledger.report(erasure.request as string);
    expect(before.complete).toBe(true);

    await record(ledger, 's', ['v-2'], 1);
    const report = await ledger.report(erasure.request as string);
    expect(report.finishedAt).toBe(before.finishedAt);
    expect(report.resources[1]).toEqual({
      provider: 'tavus',
      kind: 'video',
      id: 'v-2',
      outcome: 'pending',
      createdAt: createdAt(1),
    });
    // A pending resource was neither read back nor left unread.
    expect(report.counts).toEqual([videoCounts({ recorded: 2, deleted: 1, pending: 1, verified: 1 })]);
    expect(report.complete).toBe(false);
  });
});
