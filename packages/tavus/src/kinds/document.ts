import { type Job, type JobStatus, type KindDefinition, parseVendorTime } from '@mediajobs/core';
import { readOffsetPage, type TavusConnection } from '../connection.js';

/**
 * Document processing words (Create Document: started, processing, ready, error): being processed
 * reads as running, ready as finished, error as failed. Any other word is an error.
 */
const STATUS: Record<string, JobStatus> = {
  started: 'running',
  processing: 'running',
  ready: 'succeeded',
  error: 'failed',
};

/** Documents per list page (the docs give no maximum, only a default of 10). */
const PAGE_SIZE = 100;

/**
 * Tavus knowledge-base documents: uploaded files and crawled sites a persona reads from. Delete ("a
 * document and its associated data"), get, and list (pages from 0, documented), optionally only the
 * documents with the given tags.
 */
export const document: KindDefinition<TavusConnection, 'document'> = {
  name: 'document',
  summary: 'knowledge-base documents (uploaded files and crawled websites)',
  /** Create Document answers the new document's id (specs/tavus.yaml, createDocument). */
  creates: [{ method: 'POST', path: '/v2/documents', idField: 'document_id' }],
  listOptions: {
    tags: { type: 'string', description: 'only documents with these tags (comma-separated)', example: 'docs,website' },
  },
  async delete(tavus, id, { signal }) {
    const result = await tavus.client.DELETE('/v2/documents/{document_id}', {
      params: { path: { document_id: id } },
      parseAs: 'text',
      signal,
    });
    tavus.ok(result);
  },
  async get(tavus, id, { signal }) {
    const result = await tavus.client.GET('/v2/documents/{document_id}', {
      params: { path: { document_id: id } },
      parseAs: 'text',
      signal,
    });
    return jobOf(tavus, id, tavus.object(result.response, tavus.ok(result)));
  },
  async listPage(tavus, { cursor, signal, options }) {
    const tags = typeof options.tags === 'string' && options.tags !== '' ? { tags: options.tags } : {};
    const { items, next } = await readOffsetPage(cursor, async (page) => {
      const result = await tavus.client.GET('/v2/documents', {
        params: { query: { limit: PAGE_SIZE, page, ...tags } },
        parseAs: 'text',
        signal,
      });
      const response = result.response;
      return tavus.items(response, tavus.object(response, tavus.ok(result)).data, 'data', 'document_id');
    });
    return { jobs: items.map((item) => jobOf(tavus, item.document_id as string, item)), next };
  },
};

function jobOf(tavus: TavusConnection, id: string, item: Record<string, unknown>): Job {
  const status = tavus.status(item.status, STATUS);
  return {
    provider: 'tavus',
    id,
    kind: 'document',
    status,
    urls: typeof item.document_url === 'string' ? [item.document_url] : [],
    error: status === 'failed' && typeof item.error_message === 'string' ? item.error_message : undefined,
    createdAt: parseVendorTime(item.created_at),
    raw: item,
  };
}
