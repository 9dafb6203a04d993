import { type Job, type KindDefinition, parseVendorTime } from '@mediajobs/core';
import type { TavusConnection } from '../connection.js';

/**
 * Tavus memory stores: the pinned and learned memories a PAL (persona) keeps about one participant.
 * Delete, get, and list, optionally of one PAL (`pal_id`) or one participant (`participant_tag`): the
 * only Tavus list that can find a person's data by a tag of theirs. A store has no status: it reads
 * as `succeeded` while it exists. Written from notes, not pages (every operation is unverified): an
 * answer of another shape fails saying what was expected and what came.
 */
export const memoryStore: KindDefinition<TavusConnection, 'memory-store'> = {
  name: 'memory-store',
  summary: 'memory stores (what a PAL remembers about one participant)',
  madeFrom: ['persona'],
  unverified:
    'the memory-store pages could not be read; paths and filters are from notes on docs.tavus.io/api-reference/memory-stores, the answer shapes are assumed',
  listOptions: {
    participantTag: { type: 'string', description: "only the stores of this participant tag (e.g. a user's id)" },
    palId: { type: 'string', description: 'only the stores of this PAL (persona id)' },
  },
  async delete(tavus, id, { signal }) {
    const result = await tavus.client.DELETE('/v2/memory-stores/{memory_store_id}', {
      params: { path: { memory_store_id: id } },
      parseAs: 'text',
      signal,
    });
    tavus.ok(result);
  },
  async get(tavus, id, { signal }) {
    const result = await tavus.client.GET('/v2/memory-stores/{memory_store_id}', {
      params: { path: { memory_store_id: id } },
      parseAs: 'text',
      signal,
    });
    const response = result.response;
    const [item] = tavus.items(response, [tavus.object(response, tavus.ok(result))], 'the answer', 'memory_store_id');
    return jobOf(id, item as Record<string, unknown>);
  },
  /** One page: no paging is documented for this list. */
  async listPage(tavus, { signal, options }) {
    const query: { pal_id?: string; participant_tag?: string } = {};
    if (typeof options.palId === 'string') query.pal_id = options.palId;
    if (typeof options.participantTag === 'string') query.participant_tag = options.participantTag;
    const result = await tavus.client.GET('/v2/memory-stores', { params: { query }, parseAs: 'text', signal });
    const response = result.response;
    const items = tavus.items(response, tavus.object(response, tavus.ok(result)).data, 'data', 'memory_store_id');
    return { jobs: items.map((item) => jobOf(item.memory_store_id as string, item)) };
  },
};

function jobOf(id: string, item: Record<string, unknown>): Job {
  return {
    provider: 'tavus',
    id,
    kind: 'memory-store',
    status: 'succeeded',
    urls: [],
    createdAt: parseVendorTime(item.created_at),
    raw: item,
  };
}
