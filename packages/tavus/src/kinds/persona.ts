import { type Job, type KindDefinition, parseVendorTime, ServerError, stringField } from '@mediajobs/core';
import { readOffsetPage, type TavusConnection } from '../connection.js';

/** Personas per list page (the docs give no maximum, only a default of 10). */
const PAGE_SIZE = 100;

/**
 * Tavus personas (PALs in the newest docs): a system prompt and context that may hold personal data.
 * Delete, get, and list of the account's own personas only: `persona_type=user`, and any item that
 * still says `system` is dropped, so Tavus's stock personas are never listed or deleted. A persona
 * has no status: it reads as `succeeded` while it exists.
 */
export const persona: KindDefinition<TavusConnection, 'persona'> = {
  name: 'persona',
  summary: 'personas (PALs: the system prompt and context a replica talks with)',
  /** Create Persona answers the new persona's id (specs/tavus.yaml, createPersona). */
  creates: [{ method: 'POST', path: '/v2/personas', idField: 'persona_id' }],
  unverified:
    'Get Persona answers in a data array per its page; List Personas is written from an older page format (specs/overlays/tavus.yaml)',
  async delete(tavus, id, { signal }) {
    const result = await tavus.client.DELETE('/v2/personas/{persona_id}', {
      params: { path: { persona_id: id } },
      parseAs: 'text',
      signal,
    });
    tavus.ok(result);
  },
  /** The page puts the persona in a `data` array; a bare persona object is read too. */
  async get(tavus, id, { signal }) {
    const result = await tavus.client.GET('/v2/personas/{persona_id}', {
      params: { path: { persona_id: id } },
      parseAs: 'text',
      signal,
    });
    const response = result.response;
    const answer = tavus.object(response, tavus.ok(result));
    const [item] =
      'data' in answer
        ? tavus.items(response, answer.data, 'data', 'persona_id')
        : tavus.items(response, [answer], 'the answer', 'persona_id');
    if (item === undefined) {
      throw new ServerError('tavus: expected data to hold one persona, got an empty array', {
        provider: 'tavus',
        status: response.status,
        retryable: false,
      });
    }
    return jobOf(id, item);
  },
  async listPage(tavus, { cursor, signal }) {
    const { items, next } = await readOffsetPage(cursor, async (page) => {
      const result = await tavus.client.GET('/v2/personas', {
        params: { query: { limit: PAGE_SIZE, page, persona_type: 'user' } },
        parseAs: 'text',
        signal,
      });
      const response = result.response;
      return tavus.items(response, tavus.object(response, tavus.ok(result)).data, 'data', 'persona_id');
    });
    const own = items.filter((item) => stringField(item, 'persona_type') !== 'system');
    return { jobs: own.map((item) => jobOf(item.persona_id as string, item)), next };
  },
};

function jobOf(id: string, item: Record<string, unknown>): Job {
  return {
    provider: 'tavus',
    id,
    kind: 'persona',
    status: 'succeeded',
    urls: [],
    createdAt: parseVendorTime(item.created_at),
    raw: item,
  };
}
