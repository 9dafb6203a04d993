import { type Job, type JobStatus, type KindDefinition, parseVendorTime } from '@mediajobs/core';
import { readOffsetPage, type TavusConnection } from '../connection.js';

/**
 * Conversation status words (specs/tavus.yaml, listConversations: "Possible values: active, ended"): a
 * conversation under way is running, an ended one is finished. Any other word is an error.
 */
const STATUS: Record<string, JobStatus> = {
  active: 'running',
  ended: 'succeeded',
};

/** Conversations per list page (the docs give no maximum, only a default of 10). */
const PAGE_SIZE = 100;

/**
 * Tavus conversations (CVI): a call held with a replica and a persona, whose transcript and perception
 * analysis (the participant's appearance, behaviour, emotional states) Tavus keeps. Delete (optionally
 * hard: its assets too, irrevocably), get, and list. Made from a replica and a persona, so an erasure
 * deletes conversations before those (specs/overlays/tavus.yaml, decisions).
 */
export const conversation: KindDefinition<TavusConnection, 'conversation'> = {
  name: 'conversation',
  summary: 'conversations (transcripts and perception analysis of a call with a replica)',
  madeFrom: ['replica', 'persona'],
  /** Create Conversation answers the new conversation's id (specs/tavus.yaml, createConversation). */
  creates: [{ method: 'POST', path: '/v2/conversations', idField: 'conversation_id' }],
  unverified:
    'the form of created_at and where list pages start are not documented (docs.tavus.io conversations pages)',
  deleteOptions: {
    hard: { type: 'boolean', description: "also delete the conversation's assets, irrevocably" },
  },
  async delete(tavus, id, { signal, options }) {
    const result = await tavus.client.DELETE('/v2/conversations/{conversation_id}', {
      params: { path: { conversation_id: id }, query: options.hard ? { hard: true } : {} },
      parseAs: 'text',
      signal,
    });
    tavus.ok(result);
  },
  async get(tavus, id, { signal }) {
    const result = await tavus.client.GET('/v2/conversations/{conversation_id}', {
      params: { path: { conversation_id: id } },
      parseAs: 'text',
      signal,
    });
    return jobOf(tavus, id, tavus.object(result.response, tavus.ok(result)));
  },
  async listPage(tavus, { cursor, signal }) {
    const { items, next } = await readOffsetPage(cursor, async (page) => {
      const result = await tavus.client.GET('/v2/conversations', {
        params: { query: { limit: PAGE_SIZE, page } },
        parseAs: 'text',
        signal,
      });
      const response = result.response;
      return tavus.items(response, tavus.object(response, tavus.ok(result)).data, 'data', 'conversation_id');
    });
    return { jobs: items.map((item) => jobOf(tavus, item.conversation_id as string, item)), next };
  },
};

function jobOf(tavus: TavusConnection, id: string, item: Record<string, unknown>): Job {
  return {
    provider: 'tavus',
    id,
    kind: 'conversation',
    status: tavus.status(item.status, STATUS),
    urls: [],
    createdAt: parseVendorTime(item.created_at),
    raw: item,
  };
}
