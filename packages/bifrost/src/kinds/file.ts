import { type Job, type JobStatus, type KindDefinition, parseVendorTime } from '@mediajobs/core';
import { type BifrostConnection, splitUpstream } from '../connection.js';

/**
 * The gateway's file status words (maximhq/bifrost core/schemas/files.go, FileStatus) as job statuses.
 * A file has no job to run: one that exists with no status word, or uploaded or processed, is there.
 */
const STATUS: Record<string, JobStatus> = {
  uploaded: 'succeeded',
  processed: 'succeeded',
  processing: 'running',
  error: 'failed',
  deleted: 'deleted',
};

/** Files per list page (the handler sets no maximum and passes it to the upstream; 100 keeps an answer small). */
const PAGE_SIZE = 100;

/**
 * Files uploaded through the gateway (OpenAI-compatible Files API), kept at an upstream provider.
 * The gateway names a file by the upstream's id and a `provider` query parameter; mediajobs names it
 * `<file_id>:<provider>`, as videos, and splits at the last colon (handlers/inference.go @00a76493).
 */
export const file: KindDefinition<BifrostConnection, 'file'> = {
  name: 'file',
  summary: 'files uploaded through the gateway (Files API), per upstream provider',
  unverified: "what the list's `after` cursor holds for each provider, and the not-found text (the upstream's own)",
  listOptions: {
    upstream: {
      type: 'string',
      required: true,
      description: "the gateway's upstream provider whose files to list",
      example: 'openai',
    },
  },
  async delete(bifrost, id, { signal }) {
    const { upstreamId: fileId, provider } = split(id);
    const result = await bifrost.client.DELETE('/v1/files/{file_id}', {
      params: { path: { file_id: fileId }, query: { provider } },
      parseAs: 'text',
      signal,
    });
    const body = bifrost.ok(result);
    if (bifrost.object(result.response, body).deleted !== true) {
      throw bifrost.fail(result.response, body, { message: 'expected `deleted: true` for the file, got none' });
    }
  },
  async get(bifrost, id, { signal }) {
    const { upstreamId: fileId, provider } = split(id);
    const result = await bifrost.client.GET('/v1/files/{file_id}', {
      params: { path: { file_id: fileId }, query: { provider } },
      parseAs: 'text',
      signal,
    });
    const item = bifrost.object(result.response, bifrost.ok(result));
    if (typeof item.id !== 'string') {
      throw bifrost.fail(result.response, item, { message: 'expected a file with a string id, got none' });
    }
    return jobOf(bifrost, id, item);
  },
  /**
   * One upstream's files, by cursor: the answer's `after` when it gives one, else the last file's id.
   * Each id comes back as `<file_id>:<upstream>`, so that it can be read and deleted.
   */
  async listPage(bifrost, { cursor, options, signal }) {
    const upstream = String(options.upstream);
    const result = await bifrost.client.GET('/v1/files', {
      params: { query: { 'x-model-provider': upstream, after: cursor, limit: PAGE_SIZE } },
      parseAs: 'text',
      signal,
    });
    const page = bifrost.object(result.response, bifrost.ok(result));
    const files = bifrost.items(result.response, page.data, 'data', 'id');
    const next = typeof page.after === 'string' && page.after !== '' ? page.after : (files.at(-1)?.id as string);
    return {
      jobs: files.map((item) => jobOf(bifrost, `${item.id as string}:${upstream}`, item)),
      next: page.has_more === true && files.length > 0 ? next : undefined,
    };
  },
};

function jobOf(bifrost: BifrostConnection, id: string, item: Record<string, unknown>): Job {
  return {
    provider: 'bifrost',
    id,
    kind: 'file',
    status: item.status === undefined || item.status === '' ? 'succeeded' : bifrost.status(item.status, STATUS),
    urls: [],
    error: item.status === 'error' && typeof item.status_details === 'string' ? item.status_details : undefined,
    createdAt: parseVendorTime(item.created_at),
    raw: item,
  };
}

/** `<file_id>:<provider>` as the gateway wants it: the upstream's id in the path, the provider in the query. */
const split = (id: string) => splitUpstream(id, 'file', 'file-abc123');
