import { type Job, type JobStatus, type KindDefinition, parseVendorTime, stringField } from '@mediajobs/core';
import { readOffsetPage, type TavusConnection } from '../connection.js';

/** Tavus status words (specs/tavus.yaml) as mediajobs job statuses. */
const STATUS: Record<string, JobStatus> = {
  queued: 'queued',
  generating: 'running',
  ready: 'succeeded',
  error: 'failed',
  deleted: 'deleted',
};

/** Videos per list page: the docs give no maximum, only a default of 10. */
const PAGE_SIZE = 100;

/** Tavus videos: delete (optionally hard), get and list. */
export const video: KindDefinition<TavusConnection, 'video'> = {
  name: 'video',
  summary: 'generated videos',
  /** Made with a replica, and not deleted with it (specs/overlays/tavus.yaml, decisions). */
  madeFrom: ['replica'],
  creates: [{ method: 'POST', path: '/v2/videos', idField: 'video_id' }],
  deleteOptions: {
    hard: { type: 'boolean', description: "also delete the video's assets, irrevocably" },
  },
  async delete(tavus, id, { signal, options }) {
    const result = await tavus.client.DELETE('/v2/videos/{video_id}', {
      params: { path: { video_id: id }, query: options.hard ? { hard: true } : {} },
      parseAs: 'text',
      signal,
    });
    tavus.ok(result);
  },
  async get(tavus, id, { signal }) {
    const result = await tavus.client.GET('/v2/videos/{video_id}', {
      params: { path: { video_id: id } },
      parseAs: 'text',
      signal,
    });
    return jobOf(tavus, id, tavus.object(result.response, tavus.ok(result)));
  },
  /** List items carry no creation time; the single read has it. */
  async listPage(tavus, { cursor, signal }) {
    const { items, next } = await readOffsetPage(cursor, async (page) => {
      const result = await tavus.client.GET('/v2/videos', {
        params: { query: { limit: PAGE_SIZE, page } },
        parseAs: 'text',
        signal,
      });
      const response = result.response;
      return tavus.items(response, tavus.object(response, tavus.ok(result)).data, 'data', 'video_id');
    });
    return { jobs: items.map((item) => jobOf(tavus, item.video_id as string, item)), next };
  },
};

function jobOf(tavus: TavusConnection, id: string, item: Record<string, unknown>): Job {
  const status = tavus.status(item.status, STATUS);
  return {
    provider: 'tavus',
    id,
    kind: 'video',
    status,
    urls: ['download_url', 'stream_url', 'hosted_url'].flatMap((key) => stringField(item, key) ?? []),
    error:
      status === 'failed' ? (stringField(item, 'status_details') ?? stringField(item, 'error_details')) : undefined,
    createdAt: parseVendorTime(item.created_at),
    raw: item,
  };
}
