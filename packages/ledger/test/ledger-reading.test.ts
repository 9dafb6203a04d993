// Reading a ledger: a vendor's purge candidates, its statistics, and the reports it refuses to look up.
import { createMediaJobs } from 'mediajobs';
import { describe, expect, it } from 'vitest';
import { type Ledger, LedgerInputError, type LedgerResource } from '../src/index.js';
import { BACKENDS, freshLedger } from './backends.js';

const T = Date.UTC(2026, 10, 1);
const keyOf = (r: { kind: string; id: string }) => `${r.kind} ${r.id}`;

async function all(found: AsyncIterable<LedgerResource>): Promise<LedgerResource[]> {
  const resources: LedgerResource[] = [];
  for await (const resource of found) resources.push(resource);
  return resources;
}

describe.each(BACKENDS)('reading on $name', (backend) => {
  const open = (): Promise<Ledger> => freshLedger(backend);

  it('gives every candidate of a purge once, in creation order, across pages of many at one time', async () => {
    const ledger = await open();
    // 2,500 resources of two kinds, three made in each millisecond: a page of 1,000 ends inside a millisecond.
    const made = Array.from({ length: 2_500 }, (_, i) => ({
      subject: `user-${i % 4}`,
      provider: 'tensorslab',
      kind: i % 2 === 0 ? 'image' : 'video',
      id: `t${String(i).padStart(5, '0')}`,
      createdAt: T + Math.floor(i / 3),
    }));
    await ledger.recordMany([
      ...made,
      // One resource recorded for two subjects is one candidate; other vendors' are not candidates.
      { ...(made[7] as (typeof made)[number]), subject: 'someone-else' },
      { subject: 'user-1', provider: 'tavus', id: 'not-tensorslab', createdAt: T },
    ]);
    const candidates = await all(ledger.candidates({ provider: 'tensorslab', kinds: ['image', 'video'] }));
    const expected = [...made].sort((a, b) => a.createdAt - b.createdAt || keyOf(a).localeCompare(keyOf(b)));
    expect(candidates.map(keyOf)).toEqual(expected.map(keyOf));
    expect(candidates[0]).toEqual({ provider: 'tensorslab', kind: 'image', id: 't00000', createdAt: new Date(T) });
  });

  it('takes a purge window from createdAfter (included) to createdBefore (left out), from 1970 on', async () => {
    const ledger = await open();
    const at = [0, T - 1, T, T + 1, T + 9, T + 10];
    await ledger.recordMany(
      at.map((createdAt) => ({ subject: 'user-1', provider: 'tavus', id: `at-${createdAt}`, createdAt })),
    );
    const ids = async (window: { createdAfter?: Date; createdBefore?: Date }) =>
      (await all(ledger.candidates({ provider: 'tavus', kinds: ['video'], ...window }))).map((r) => r.id);
    expect(await ids({})).toEqual(at.map((createdAt) => `at-${createdAt}`));
    expect(await ids({ createdAfter: new Date(T), createdBefore: new Date(T + 10) })).toEqual([
      `at-${T}`,
      `at-${T + 1}`,
      `at-${T + 9}`,
    ]);
    expect(await ids({ createdBefore: new Date(T) })).toEqual(['at-0', `at-${T - 1}`]);
  });

  it('gives no candidates for no kinds, and none that were marked erased', async () => {
    const ledger = await open();
    await ledger.recordMany([
      { subject: 'user-1', provider: 'tavus', id: 'v1', createdAt: T },
      { subject: 'user-2', provider: 'tavus', id: 'v1', createdAt: T },
      { subject: 'user-2', provider: 'tavus', id: 'v2', createdAt: T + 1 },
    ]);
    expect(await all(ledger.candidates({ provider: 'tavus', kinds: [] }))).toEqual([]);
    expect(await ledger.markErased([{ provider: 'tavus', kind: 'video', id: 'v1' }], 'purge')).toBe(2);
    expect((await all(ledger.candidates({ provider: 'tavus', kinds: ['video'] }))).map((r) => r.id)).toEqual(['v2']);
  });

  it('counts subjects, resources and erasures, per vendor and kind', async () => {
    const ledger = await open();
    await ledger.recordMany([
      { subject: 'user-1', provider: 'tavus', id: 'v1' },
      { subject: 'user-2', provider: 'tavus', id: 'v2' },
      { subject: 'user-2', provider: 'tensorslab', kind: 'image', id: 't1' },
    ]);
    await ledger.markErased([{ provider: 'tavus', kind: 'video', id: 'v1' }], 'purge');
    // One erasure that finished (nothing to erase), one that was stopped before it began: unfinished.
    const jobs = createMediaJobs({ tavus: { apiKey: 'sk_unused', baseUrl: 'http://127.0.0.1:9' } });
    for await (const _ of ledger.erase('user-3', jobs)) expect.unreachable();
    for await (const _ of ledger.erase('user-2', jobs, { signal: AbortSignal.abort() })) expect.unreachable();
    expect(await ledger.stats()).toEqual({
      ledger: ledger.location,
      subjects: 2,
      resources: 3,
      erased: 1,
      kinds: [
        { provider: 'tavus', kind: 'video', resources: 2, erased: 1 },
        { provider: 'tensorslab', kind: 'image', resources: 1, erased: 0 },
      ],
      erasures: { total: 2, unfinished: 1 },
    });
  });

  it('refuses to look up a report without a request id', async () => {
    const ledger = await open();
    for (const request of ['', '   ', 42, undefined]) {
      const lookup = ledger.report(request as string);
      await expect(lookup).rejects.toThrow(/^an erasure request id must be a non-empty string$/);
      await expect(lookup).rejects.toBeInstanceOf(LedgerInputError);
    }
  });
});
