// The Tavus fake's newer kinds on the fault server: routes, 0-based pages, filters, creation times,
// each kind's not-found answer and delete status, and stock personas only when asked for.
import { afterEach, describe, expect, it } from 'vitest';
import { ownerOf, tagsOf } from '../src/fakes/tavus.js';
import { type SeededJob, startFaultServer } from '../src/index.js';

const NOW = Date.UTC(2026, 10, 30);
const DAY = 86_400_000;
const servers: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

const seeded: SeededJob[] = [
  ...Array.from(
    { length: 3 },
    (_, n): SeededJob => ({
      provider: 'tavus',
      kind: 'document',
      id: `d${n}`,
      createdAtMs: NOW - (n + 1) * DAY,
    }),
  ),
  { provider: 'tavus', kind: 'conversation', id: 'c1', createdAtMs: NOW - DAY },
  { provider: 'tavus', kind: 'persona', id: 'p-own', createdAtMs: NOW - DAY },
  { provider: 'tavus', kind: 'persona', id: 'p-stock', createdAtMs: NOW - 400 * DAY, system: true },
  { provider: 'tavus', kind: 'memory-store', id: 'ms1', createdAtMs: NOW - DAY },
  { provider: 'tavus', kind: 'memory-store', id: 'ms2', createdAtMs: NOW - 2 * DAY },
];

async function server() {
  const started = await startFaultServer({ jobs: seeded });
  servers.push(started);
  const call = async (method: string, path: string) => {
    const response = await fetch(`${started.url}${path}`, { method, headers: { 'x-api-key': 'k' } });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  return { started, call };
}

describe('Tavus fake: conversations, personas, documents, memory stores', () => {
  it('pages documents from 0 with page and limit, newest first, ISO creation times, filtered by tags', async () => {
    const { call } = await server();
    const first = await call('GET', '/v2/documents?page=0&limit=2');
    expect(first.body).toMatchObject({ total_count: 3, page: 0, limit: 2 });
    expect(first.body.data.map((d: { document_id: string }) => d.document_id)).toEqual(['d0', 'd1']);
    expect(first.body.data[0].created_at).toBe(new Date(NOW - DAY).toISOString());
    const second = await call('GET', '/v2/documents?page=1&limit=2');
    expect(second.body.data.map((d: { document_id: string }) => d.document_id)).toEqual(['d2']);
    const tag = tagsOf('d1')[1] as string;
    const tagged = await call('GET', `/v2/documents?tags=${tag}`);
    const expected = ['d0', 'd1', 'd2'].filter((id) => tagsOf(id).includes(tag));
    expect(tagged.body.data.map((d: { document_id: string }) => d.document_id)).toEqual(expected);
  });

  it('lists stock personas only when asked for, never under persona_type=user', async () => {
    const { call } = await server();
    const own = await call('GET', '/v2/personas?persona_type=user');
    expect(own.body.data.map((p: { persona_id: string }) => p.persona_id)).toEqual(['p-own']);
    const stock = await call('GET', '/v2/personas?persona_type=system');
    expect(
      stock.body.data.map((p: { persona_id: string; persona_type: string }) => [p.persona_id, p.persona_type]),
    ).toEqual([['p-stock', 'system']]);
  });

  it('filters memory stores by participant_tag and pal_id, unpaged', async () => {
    const { call } = await server();
    const owner = ownerOf('ms1');
    const mine = await call('GET', `/v2/memory-stores?participant_tag=${owner.participant_tag}&pal_id=${owner.pal_id}`);
    const expected = ['ms1', 'ms2'].filter(
      (id) => ownerOf(id).participant_tag === owner.participant_tag && ownerOf(id).pal_id === owner.pal_id,
    );
    expect(mine.body).toEqual({ data: expect.any(Array) });
    expect(mine.body.data.map((m: { memory_store_id: string }) => m.memory_store_id)).toEqual(expected);
  });

  it('deletes with 204 and then answers each kind its documented not-found', async () => {
    const { call, started } = await server();
    expect((await call('GET', '/v2/personas/p-own')).body).toMatchObject({ data: [{ persona_id: 'p-own' }] });
    for (const path of [
      '/v2/conversations/c1?hard=true',
      '/v2/personas/p-own',
      '/v2/documents/d0',
      '/v2/memory-stores/ms1',
    ]) {
      expect((await call('DELETE', path)).status).toBe(204);
    }
    expect(await call('GET', '/v2/conversations/c1')).toEqual({
      status: 400,
      body: { error: 'Invalid conversation_id' },
    });
    expect(await call('GET', '/v2/personas/p-own')).toEqual({ status: 400, body: { error: 'Invalid persona_id' } });
    expect(await call('DELETE', '/v2/documents/d0')).toEqual({ status: 404, body: { message: 'Document not found' } });
    expect(await call('GET', '/v2/memory-stores/ms1')).toEqual({
      status: 404,
      body: { message: 'Memory store not found' },
    });
    expect([...started.ledger.deleted].sort()).toEqual([
      'tavus/conversation/c1',
      'tavus/document/d0',
      'tavus/memory-store/ms1',
      'tavus/persona/p-own',
    ]);
    const stock = await call('GET', '/v2/personas/p-stock');
    expect(stock.status).toBe(200);
  });
});
