// What an erasure says about each resource, on both backends: failures with the vendor's status and
// request id (never read back), kinds that cannot be read, what the vendor still serves, a facade
// that throws something else than a vendor error, a stop during the read back, and a slow consumer.
import type { MediaJobs } from 'mediajobs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { type ErasureOutcome, type Ledger, LedgerInputError, type RecordInput, summarize } from '../src/index.js';
import { BACKENDS, drain, type FacadeHooks, facadeOn, faultServer, freshLedger } from './backends.js';

const CREATED = Date.UTC(2026, 0, 5);

/**
 * The facade on the fault server; `sent` gets each request as `METHOD /path?query`, and `answer` may
 * answer a request itself (a Response), or throw, instead of the server.
 */
function facade(url: string, { sent = [], answer }: { sent?: string[] } & Pick<FacadeHooks, 'answer'> = {}): MediaJobs {
  return facadeOn(url, ['tavus', 'a2e'], {
    answer,
    seen: (request) => {
      const { pathname, search } = new URL(request.url);
      sent.push(`${request.method} ${pathname}${search}`);
    },
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const tavusVideos = (...ids: string[]): RecordInput[] =>
  ids.map((id, i) => ({ subject: 's', provider: 'tavus', kind: 'video', id, createdAt: CREATED + i }));

describe.each(BACKENDS)('what an erasure says of each resource, on $name', (backend) => {
  const open = (): Promise<Ledger> => freshLedger(backend);

  it("a failed delete is not read back, keeps the vendor's status and request id, and the report keeps exactly what was streamed", async () => {
    const vendor = await faultServer();
    const ledger = await open();
    await ledger.recordMany(tavusVideos('denied-1', 'unreachable-1', 'v1'));
    const sent: string[] = [];
    const jobs = facade(vendor.url, {
      sent,
      answer: async (request) => {
        if (request.url.endsWith('/unreachable-1')) throw new TypeError('fetch failed');
        if (!request.url.endsWith('/denied-1')) return undefined;
        // The server's 401, with the request id a vendor puts on its answers.
        const refused = await fetch(request);
        const headers = new Headers(refused.headers);
        headers.set('x-request-id', 'req-7f3a');
        return new Response(await refused.arrayBuffer(), { status: refused.status, headers });
      },
    });
    const erasure = ledger.erase('s', jobs);
    const outcomes = await drain(erasure);
    const byId = Object.fromEntries(outcomes.map((o) => [o.id, o]));

    expect(byId['denied-1']).toMatchObject({
      outcome: 'failed',
      error: { class: 'AuthenticationError', status: 401 },
      requestId: 'req-7f3a',
    });
    // No answer at all: no status, not even an empty one.
    expect(byId['unreachable-1']?.outcome).toBe('failed');
    expect(byId['unreachable-1']?.error).toStrictEqual({
      class: 'ConnectionError',
      message: expect.stringMatching(/failed without an answer: fetch failed$/),
    });
    for (const failed of [byId['denied-1'], byId['unreachable-1']]) {
      expect(failed).not.toHaveProperty('verified');
      expect(failed).not.toHaveProperty('unverified');
    }
    expect(byId.v1).toMatchObject({ outcome: 'deleted', verified: true });
    // Only what was deleted is read back.
    expect(sent.filter((line) => line.startsWith('GET'))).toEqual(['GET /v2/videos/v1']);

    const report = await ledger.report(erasure.request as string);
    for (const { request: _, ...streamed } of outcomes) {
      const kept = report.resources.find((r) => r.id === streamed.id);
      expect(kept).toStrictEqual({ ...streamed, createdAt: expect.any(String) });
    }
  });

  it('a kind that cannot be read back is deleted and reported as not read back, with no read sent', async () => {
    const vendor = await faultServer();
    const ledger = await open();
    await ledger.record({ subject: 's', provider: 'a2e', kind: 'background', id: 'bg-1' });
    const sent: string[] = [];
    const erasure = ledger.erase('s', facade(vendor.url, { sent }));
    const [outcome, ...more] = await drain(erasure);
    expect(more).toEqual([]);
    expect(outcome).toMatchObject({
      id: 'bg-1',
      outcome: 'deleted',
      unverified: 'a a2e background cannot be read back',
    });
    expect(outcome).not.toHaveProperty('verified');
    expect(sent.filter((line) => line.startsWith('GET'))).toEqual([]);
    expect(summarize(await ledger.report(erasure.request as string))).toMatch(
      /a2e background: 1 deleted \(0 verified, 1 not read back\)/,
    );
  });

  it('a resource the vendor reads as deleted is verified; one it still serves after the delete is reported still there', async () => {
    const vendor = await faultServer({
      jobs: [
        { provider: 'tavus', id: 'held-1', createdAtMs: CREATED },
        { provider: 'tavus', id: 'stubborn-1', createdAtMs: CREATED },
      ],
    });
    const ledger = await open();
    await ledger.recordMany(tavusVideos('held-1', 'stubborn-1'));
    // A vendor that acknowledges the delete of stubborn-1 and keeps it.
    const jobs = facade(vendor.url, {
      answer: async (request) =>
        request.method === 'DELETE' && request.url.endsWith('/stubborn-1')
          ? new Response('', { status: 200 })
          : undefined,
    });
    const erasure = ledger.erase('s', jobs);
    const byId = Object.fromEntries((await drain(erasure)).map((o) => [o.id, o]));
    // Tavus soft-deletes a video: it reads back with the status `deleted`.
    expect(byId['held-1']).toMatchObject({ outcome: 'deleted', verified: true });
    expect(byId['stubborn-1']).toMatchObject({ outcome: 'deleted', verified: false });
    const report = await ledger.report(erasure.request as string);
    expect(report.counts).toEqual([expect.objectContaining({ deleted: 2, verified: 1, stillThere: 1 })]);
    expect(report.complete).toBe(false);
    expect(summarize(report)).toMatch(/tavus video: 2 deleted \(1 verified, 1 STILL THERE when read back\)/);
  });

  it('a facade that throws something else than a vendor error gets a failure recorded with its message, and the erasure goes on', async () => {
    const vendor = await faultServer();
    const ledger = await open();
    await ledger.recordMany(tavusVideos('audited-1', 'no-reason-1', 'v1'));
    const real = facade(vendor.url);
    // The user's own wrapper of the facade (an audit hook, say) fails in its own way.
    const failures: Record<string, unknown> = {
      'audited-1': new Error('audit log unavailable'),
      'no-reason-1': undefined,
    };
    const wrapped: MediaJobs = {
      ...real,
      delete: (ref, options) => (ref.id in failures ? Promise.reject(failures[ref.id]) : real.delete(ref, options)),
    };
    const byId = Object.fromEntries((await drain(ledger.erase('s', wrapped))).map((o) => [o.id, o]));
    expect(byId['audited-1']).toMatchObject({
      outcome: 'failed',
      error: { class: 'MediaJobsError', message: 'unexpected: audit log unavailable' },
    });
    expect(byId['no-reason-1']).toMatchObject({
      outcome: 'failed',
      error: { class: 'MediaJobsError', message: 'unexpected: undefined' },
    });
    expect(byId.v1).toMatchObject({ outcome: 'deleted', verified: true });
  });

  it('an erasure stopped while reading back records the delete, as stopped before the read', async () => {
    const vendor = await faultServer();
    const ledger = await open();
    await ledger.recordMany(tavusVideos('v1'));
    let reading!: () => void;
    const readSent = new Promise<void>((resolve) => {
      reading = resolve;
    });
    // The read back hangs (for longer than the test waits) until the erasure is stopped.
    const jobs = facade(vendor.url, {
      answer: async (request) => {
        if (request.method !== 'GET') return undefined;
        reading();
        await new Promise((resolve) => {
          request.signal.addEventListener('abort', resolve);
          setTimeout(resolve, 3_000);
        });
        request.signal.throwIfAborted();
        return undefined;
      },
    });
    const stop = new AbortController();
    const erasure = ledger.erase('s', jobs, { signal: stop.signal });
    const outcomes = drain(erasure);
    await readSent;
    stop.abort();
    const [outcome, ...more] = await outcomes;
    expect(more).toEqual([]);
    expect(outcome).toMatchObject({
      id: 'v1',
      outcome: 'deleted',
      unverified: 'the erasure was stopped before the read',
    });
    expect(outcome).not.toHaveProperty('verified');
    const report = await ledger.report(erasure.request as string);
    expect(report.finishedAt).toBeUndefined();
    expect(report.resources).toEqual([
      expect.objectContaining({ id: 'v1', outcome: 'deleted', unverified: 'the erasure was stopped before the read' }),
    ]);
  });

  it('a consumer slower than the deletes still gets every outcome, and nothing is left unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    onTestFinished(() => {
      process.off('unhandledRejection', onUnhandled);
    });
    const vendor = await faultServer();
    const ledger = await open();
    await ledger.recordMany(tavusVideos('v1', 'v2', 'v3', 'v4', 'v5', 'v6'));
    const erasure = ledger.erase('s', facade(vendor.url));
    const outcomes: ErasureOutcome[] = [];
    for await (const outcome of erasure) {
      outcomes.push(outcome);
      await sleep(25); // meanwhile the workers go on, and finish
    }
    await sleep(10);
    expect(outcomes.map((o) => o.id).sort()).toEqual(['v1', 'v2', 'v3', 'v4', 'v5', 'v6']);
    expect(unhandled).toEqual([]);
    expect((await ledger.report(erasure.request as string)).complete).toBe(true);
  });

  it('takes a concurrency from 1 to 8, and refuses 9 before anything happens', async () => {
    const vendor = await faultServer();
    const ledger = await open();
    await ledger.recordMany(tavusVideos('v1', 'v2'));
    expect(() => ledger.erase('s', facade(vendor.url), { concurrency: 9 })).toThrow(LedgerInputError);
    expect(() => ledger.erase('s', facade(vendor.url), { concurrency: 9 })).toThrow(
      'concurrency must be a whole number from 1 to 8, got 9',
    );
    expect(vendor.requests()).toBe(0);
    const outcomes = await drain(ledger.erase('s', facade(vendor.url), { concurrency: 8 }));
    expect(outcomes.map((o) => `${o.id} ${o.outcome}`).sort()).toEqual(['v1 deleted', 'v2 deleted']);
  });
});
