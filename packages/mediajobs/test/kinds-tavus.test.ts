// Tavus conversations, personas, knowledge-base documents and memory stores through the facade:
// scripted for the wire format (and answers of another shape), and against the fault server for
// what an erasure deletes and what it must never touch (Tavus's stock personas).

import { type SeededJob, startFaultServer } from '@mediajobs/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { json } from '../../../test-support/scripted-fetch.js';
import { type Job, kindOf, vendorOf } from '../src/index.js';
import { facadeAt, facadeWith } from './helpers.js';

const NOW = Date.UTC(2026, 10, 30);
const DAY = 86_400_000;
const servers: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});
/** Every job a facade's list yields. */
async function listAll(iterable: AsyncIterable<Job>): Promise<Job[]> {
  const jobs: Job[] = [];
  for await (const job of iterable) jobs.push(job);
  return jobs;
}
const wire = (calls: { method: string; url: URL }[]) =>
  calls.map((call) => `${call.method} ${call.url.pathname}${call.url.search}`);

describe('Tavus kinds in the registry', () => {
  it('say what they take and what they are made from (derived data is erased before its source)', () => {
    const tavus = vendorOf('tavus');
    if (!tavus) throw new Error('no tavus');
    expect(kindOf(tavus, 'video')?.madeFrom).toEqual(['replica']);
    expect(kindOf(tavus, 'conversation')).toMatchObject({
      delete: 'one',
      get: true,
      list: true,
      madeFrom: ['replica', 'persona'],
      deleteOptions: { hard: { type: 'boolean' } },
    });
    expect(kindOf(tavus, 'persona')).toMatchObject({ get: true, list: true, deleteOptions: {} });
    expect(kindOf(tavus, 'document')?.listOptions).toMatchObject({ tags: { type: 'string' } });
    expect(kindOf(tavus, 'memory-store')).toMatchObject({
      madeFrom: ['persona'],
      listOptions: { participantTag: { type: 'string' }, palId: { type: 'string' } },
    });
    expect(kindOf(tavus, 'memory-store')?.unverified).toMatch(/memory-store pages/);
  });
});

describe('Tavus conversation, scripted', () => {
  it('delete sends DELETE /v2/conversations/{id}, hard only when asked, and reads a 204', async () => {
    const { jobs, calls } = facadeWith(() => new Response(null, { status: 204 }));
    await expect(jobs.delete({ provider: 'tavus', id: 'c1', kind: 'conversation' })).resolves.toMatchObject({
      deleted: true,
      kind: 'conversation',
    });
    await jobs.delete({ provider: 'tavus', id: 'c2', kind: 'conversation' }, { hard: true });
    expect(wire(calls)).toEqual(['DELETE /v2/conversations/c1', 'DELETE /v2/conversations/c2?hard=true']);
  });

  it('get maps active and ended; an unknown word, a wrong shape and an unknown id fail', async () => {
    const answers: unknown[] = [
      { conversation_id: 'c1', status: 'active', created_at: '2026-11-01T00:00:00Z' },
      { conversation_id: 'c1', status: 'ended' },
      { conversation_id: 'c1', status: 'paused' },
      ['c1'],
    ];
    let n = 0;
    const { jobs } = facadeWith(() => json(200, answers[n++]));
    const read = () => jobs.get({ provider: 'tavus', id: 'c1', kind: 'conversation' });
    expect(await read()).toMatchObject({
      kind: 'conversation',
      status: 'running',
      createdAt: new Date('2026-11-01T00:00:00Z'),
    });
    expect(await read()).toMatchObject({ status: 'succeeded' });
    await expect(read()).rejects.toThrow(/unknown job status "paused"/);
    await expect(read()).rejects.toThrow(/expected a JSON object, got an array/);
    const gone = facadeWith(() => json(400, { error: 'Invalid conversation_id' }));
    await expect(gone.jobs.get({ provider: 'tavus', id: 'x', kind: 'conversation' })).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });

  it('a list answer without data items fails saying what was expected and what came', async () => {
    const { jobs } = facadeWith(() => json(200, { conversations: [] }));
    const listing = jobs.list({ provider: 'tavus', kind: 'conversation' });
    await expect(listing.next()).rejects.toThrow(/expected data to be an array of jobs with a string conversation_id/);
  });
});

describe('Tavus persona, scripted', () => {
  it('lists user personas only, on every page, and drops any stock persona the answer still holds', async () => {
    const { jobs, calls } = facadeWith((call) =>
      json(200, {
        data:
          call.url.searchParams.get('page') === '0'
            ? [
                { persona_id: 'p1', persona_type: 'user', created_at: '2026-11-01T00:00:00Z' },
                { persona_id: 'p-stock', persona_type: 'system' },
              ]
            : [],
      }),
    );
    const listed: Job[] = [];
    for await (const job of jobs.list({ provider: 'tavus', kind: 'persona' })) listed.push(job);
    expect(listed.map((job) => [job.id, job.kind, job.status])).toEqual([['p1', 'persona', 'succeeded']]);
    for (const call of calls) {
      expect(call.url.pathname).toBe('/v2/personas');
      expect(call.url.searchParams.get('persona_type')).toBe('user');
    }
  });

  it('get reads the documented data array or a bare persona; anything else fails', async () => {
    const answers: unknown[] = [
      { data: [{ persona_id: 'p1', created_at: '2026-11-01T00:00:00Z' }] },
      { persona_id: 'p1' },
      { data: [] },
      { data: [{ name: 'p1' }] },
    ];
    let n = 0;
    const { jobs, calls } = facadeWith(() => json(200, answers[n++]));
    const read = () => jobs.get({ provider: 'tavus', id: 'p1', kind: 'persona' });
    expect(await read()).toMatchObject({ id: 'p1', status: 'succeeded', createdAt: new Date('2026-11-01T00:00:00Z') });
    expect(await read()).toMatchObject({ id: 'p1', status: 'succeeded' });
    await expect(read()).rejects.toThrow(/expected data to hold one persona, got an empty array/);
    await expect(read()).rejects.toThrow(/expected data to be an array of jobs with a string persona_id/);
    expect(wire(calls).every((line) => line === 'GET /v2/personas/p1')).toBe(true);
  });
});

describe('Tavus document, scripted', () => {
  it('passes the tags option, pages from 0, maps processing words; 404 is not found', async () => {
    const { jobs, calls } = facadeWith((call) =>
      json(200, {
        data:
          call.url.searchParams.get('page') === '0'
            ? [
                {
                  document_id: 'd1',
                  status: 'ready',
                  created_at: '2026-11-01T00:00:00Z',
                  document_url: 'https://x/1.pdf',
                },
                { document_id: 'd2', status: 'processing' },
                { document_id: 'd3', status: 'error', error_message: 'unreadable' },
              ]
            : [],
      }),
    );
    const listed = await listAll(
      jobs.list({ provider: 'tavus', kind: 'document', kindOptions: { tags: 'docs,meeting' } }),
    );
    expect(listed.map((job) => [job.id, job.status])).toEqual([
      ['d1', 'succeeded'],
      ['d2', 'running'],
      ['d3', 'failed'],
    ]);
    expect(listed[0]?.urls).toEqual(['https://x/1.pdf']);
    expect(listed[2]?.error).toBe('unreadable');
    expect(wire(calls)[0]).toBe('GET /v2/documents?limit=100&page=0&tags=docs%2Cmeeting');
    const gone = facadeWith(() => json(404, { message: 'Document not found' }));
    await expect(gone.jobs.delete({ provider: 'tavus', id: 'd9', kind: 'document' })).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });
});

describe('Tavus memory store, scripted', () => {
  it('lists by participantTag and palId in one request; an answer of another shape fails', async () => {
    const { jobs, calls } = facadeWith(() =>
      json(200, { data: [{ memory_store_id: 'ms1', participant_tag: 'anna', created_at: '2026-11-01T00:00:00Z' }] }),
    );
    const kindOptions = { participantTag: 'anna', palId: 'p1' };
    const listed = await listAll(jobs.list({ provider: 'tavus', kind: 'memory-store', kindOptions }));
    expect(listed.map((job) => [job.id, job.kind, job.status])).toEqual([['ms1', 'memory-store', 'succeeded']]);
    expect(wire(calls)).toEqual(['GET /v2/memory-stores?pal_id=p1&participant_tag=anna']);

    const wrong = facadeWith(() => json(200, { memory_stores: [{ id: 'ms1' }] }));
    await expect(wrong.jobs.list({ provider: 'tavus', kind: 'memory-store' }).next()).rejects.toThrow(
      /expected data to be an array of jobs with a string memory_store_id, got/,
    );
    const wrongGet = facadeWith(() => json(200, { id: 'ms1' }));
    await expect(wrongGet.jobs.get({ provider: 'tavus', id: 'ms1', kind: 'memory-store' })).rejects.toThrow(
      /expected the answer to be an array of jobs with a string memory_store_id/,
    );
  });
});

describe('Tavus kinds against the fault server', () => {
  const seeded: SeededJob[] = [
    { provider: 'tavus', kind: 'conversation', id: 'c-old', createdAtMs: NOW - 40 * DAY },
    { provider: 'tavus', kind: 'conversation', id: 'c-new', createdAtMs: NOW - 1 * DAY },
    { provider: 'tavus', kind: 'persona', id: 'p-old', createdAtMs: NOW - 45 * DAY },
    { provider: 'tavus', kind: 'persona', id: 'p-new', createdAtMs: NOW - 2 * DAY },
    { provider: 'tavus', kind: 'persona', id: 'p-stock', createdAtMs: NOW - 400 * DAY, system: true },
    { provider: 'tavus', kind: 'document', id: 'd-old', createdAtMs: NOW - 50 * DAY },
    { provider: 'tavus', kind: 'document', id: 'd-new', createdAtMs: NOW - 3 * DAY },
    { provider: 'tavus', kind: 'memory-store', id: 'ms-old', createdAtMs: NOW - 60 * DAY },
    { provider: 'tavus', kind: 'memory-store', id: 'ms-new', createdAtMs: NOW - 4 * DAY },
    // Same ids under other kinds: an erasure of one kind must not reach them.
    { provider: 'tavus', id: 'c-old', createdAtMs: NOW - 90 * DAY },
    { provider: 'tavus', kind: 'replica', id: 'p-old', createdAtMs: NOW - 90 * DAY },
  ];

  it('erasing what is older than 30 days deletes exactly those, hard where asked, never a stock persona', async () => {
    const server = await startFaultServer({ jobs: seeded });
    servers.push(server);
    const jobs = facadeAt(server.url);
    const before = new Date(NOW - 30 * DAY);
    const old: Job[] = [];
    for (const kind of ['conversation', 'persona', 'document', 'memory-store'] as const) {
      for await (const job of jobs.list({ provider: 'tavus', kind, createdBefore: before })) old.push(job);
    }
    expect(old.map((job) => `${job.kind}/${job.id}`)).toEqual([
      'conversation/c-old',
      'persona/p-old',
      'document/d-old',
      'memory-store/ms-old',
    ]);
    const conversations = await jobs.deleteMany(
      old.filter((job) => job.kind === 'conversation'),
      { hard: true },
    );
    const others = await jobs.deleteMany(old.filter((job) => job.kind !== 'conversation'));
    expect([...conversations, ...others].every((outcome) => outcome.ok)).toBe(true);
    expect([...server.ledger.deleted].sort()).toEqual([
      'tavus/conversation/c-old',
      'tavus/document/d-old',
      'tavus/memory-store/ms-old',
      'tavus/persona/p-old',
    ]);
    // Read back: each is gone by its kind's own not-found answer.
    for (const job of old) {
      await expect(jobs.get({ provider: 'tavus', id: job.id, kind: job.kind as 'persona' })).rejects.toMatchObject({
        name: 'NotFoundError',
      });
    }
    // The stock persona is never listed, even without a date filter.
    const all: string[] = [];
    for await (const job of jobs.list({ provider: 'tavus', kind: 'persona' })) all.push(job.id);
    expect(all).toEqual(['p-new']);
  });
});
