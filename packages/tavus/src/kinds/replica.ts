import { type Job, type JobStatus, type KindDefinition, parseVendorTime, stringField } from '@mediajobs/core';
import { readOffsetPage, type TavusConnection } from '../connection.js';

/**
 * Replica status words (specs/tavus.yaml, getReplica: started, completed, error). `deleted` is how
 * Tavus reports a soft-deleted video; for a replica it is unverified, and any other word is an error.
 */
const STATUS: Record<string, JobStatus> = {
  started: 'running',
  completed: 'succeeded',
  error: 'failed',
  deleted: 'deleted',
};

/** Replicas per list page (the docs give no maximum). */
const PAGE_SIZE = 100;

/**
 * Tavus replicas: models of a person's face and voice trained on their video, biometric data that a
 * person may ask to have erased. Delete (optionally hard: the training footage too), get, and list
 * of the account's own replicas only: `replica_type=user`, so Tavus's stock replicas are never listed.
 */
export const replica: KindDefinition<TavusConnection, 'replica'> = {
  name: 'replica',
  summary: "replicas (a person's face and voice, trained on their video)",
  /** Create Replica answers the new replica's id (specs/tavus.yaml, createReplica). */
  creates: [{ method: 'POST', path: '/v2/replicas', idField: 'replica_id' }],
  unverified:
    'where list pages start, the form of created_at in the list and what a deleted replica reads as are not documented (docs.tavus.io replica pages)',
  deleteOptions: {
    hard: { type: 'boolean', description: "also delete the replica's training footage and other assets, irrevocably" },
  },
  async delete(tavus, id, { signal, options }) {
    const result = await tavus.client.DELETE('/v2/replicas/{replica_id}', {
      params: { path: { replica_id: id }, query: options.hard ? { hard: true } : {} },
      parseAs: 'text',
      signal,
    });
    tavus.ok(result);
  },
  async get(tavus, id, { signal }) {
    const result = await tavus.client.GET('/v2/replicas/{replica_id}', {
      params: { path: { replica_id: id } },
      parseAs: 'text',
      signal,
    });
    return jobOf(tavus, id, tavus.object(result.response, tavus.ok(result)));
  },
  async listPage(tavus, { cursor, signal }) {
    const { items, next } = await readOffsetPage(cursor, async (page) => {
      const result = await tavus.client.GET('/v2/replicas', {
        params: { query: { limit: PAGE_SIZE, page, replica_type: 'user' } },
        parseAs: 'text',
        signal,
      });
      const response = result.response;
      return tavus.items(response, tavus.object(response, tavus.ok(result)).data, 'data', 'replica_id');
    });
    return { jobs: items.map((item) => jobOf(tavus, item.replica_id as string, item)), next };
  },
};

function jobOf(tavus: TavusConnection, id: string, item: Record<string, unknown>): Job {
  const status = tavus.status(item.status, STATUS);
  return {
    provider: 'tavus',
    id,
    kind: 'replica',
    status,
    progress: progressOf(stringField(item, 'training_progress')),
    urls: [stringField(item, 'thumbnail_video_url') ?? []].flat(),
    error: status === 'failed' ? stringField(item, 'error_message') : undefined,
    createdAt: parseVendorTime(item.created_at),
    raw: item,
  };
}

/** `training_progress` is `done/total` (e.g. `100/100`): a percentage, when it reads as one. */
function progressOf(progress: string | undefined): number | undefined {
  const [done, total] = (progress ?? '').split('/').map(Number);
  if (done === undefined || total === undefined || !(total > 0) || !(done >= 0)) return undefined;
  return Math.min(100, Math.round((done / total) * 100));
}
