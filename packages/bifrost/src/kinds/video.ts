import {
  type Job,
  type JobStatus,
  type KindDefinition,
  numberField,
  parseVendorTime,
  stringField,
} from '@mediajobs/core';
import type { BifrostConnection } from '../connection.js';

/** Bifrost's VideoStatus values as mediajobs job statuses. */
const STATUS: Record<string, JobStatus> = {
  queued: 'queued',
  in_progress: 'running',
  completed: 'succeeded',
  failed: 'failed',
};

/** Jobs per list page: the gateway's maximum. */
const PAGE_SIZE = 100;

/** A Bifrost gateway's video jobs. Ids are `id:provider` and pass unchanged. */
export const video: KindDefinition<BifrostConnection, 'video'> = {
  name: 'video',
  summary: 'video jobs, per upstream provider',
  // The gateway answers with the id already in the `id:provider` form mediajobs uses.
  creates: [
    { method: 'POST', path: '/v1/videos', idField: 'id' },
    { method: 'POST', path: '/v1/videos/{video_id}/remix', idField: 'id' },
  ],
  listOptions: {
    upstream: {
      type: 'string',
      required: true,
      description: "the gateway's upstream provider whose jobs to list",
      example: 'openai',
    },
  },
  async delete(bifrost, id, { signal }) {
    const result = await bifrost.client.DELETE('/v1/videos/{video_id}', {
      params: { path: { video_id: id } },
      parseAs: 'text',
      signal,
    });
    const body = bifrost.ok(result);
    if (bifrost.object(result.response, body).deleted !== true) {
      throw bifrost.fail(result.response, body, { message: 'the gateway answered without `deleted: true`' });
    }
  },
  async get(bifrost, id, { signal }) {
    const result = await bifrost.client.GET('/v1/videos/{video_id}', {
      params: { path: { video_id: id } },
      parseAs: 'text',
      signal,
    });
    return jobOf(bifrost, id, bifrost.object(result.response, bifrost.ok(result)));
  },
  /**
   * One upstream's jobs, newest first, by cursor. Ids come back as the gateway gives them; one
   * without its `:provider` suffix gets `:<upstream>`, so that it can be read and deleted.
   */
  async listPage(bifrost, { cursor, options, signal }) {
    const upstream = String(options.upstream);
    const result = await bifrost.client.GET('/v1/videos', {
      params: { query: { provider: upstream, after: cursor, limit: PAGE_SIZE } },
      parseAs: 'text',
      signal,
    });
    const page = bifrost.object(result.response, bifrost.ok(result));
    const videos = bifrost.items(result.response, page.data, 'data', 'id');
    const lastId = stringField(page, 'last_id') ?? stringField(videos.at(-1), 'id');
    return {
      jobs: videos.map((item) => jobOf(bifrost, withSuffix(item.id as string, upstream), item)),
      next: page.has_more === true ? lastId : undefined,
    };
  },
};

function jobOf(bifrost: BifrostConnection, id: string, item: Record<string, unknown>): Job {
  const outputs = Array.isArray(item.videos) ? item.videos : [];
  return {
    provider: 'bifrost',
    id,
    kind: 'video',
    status: bifrost.status(item.status, STATUS),
    progress: numberField(item, 'progress'),
    urls: outputs.flatMap((output) => stringField(output, 'url') ?? []),
    error: stringField(item.error, 'message'),
    createdAt: parseVendorTime(item.created_at),
    raw: item,
  };
}

/** `id:provider`, as the gateway's handlers want it (they split on the first colon). */
function withSuffix(id: string, upstream: string): string {
  return id.includes(':') ? id : `${id}:${upstream}`;
}
