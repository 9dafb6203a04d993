import {
  type AdapterOptions,
  createAdapterTools,
  type Job,
  type JobAdapter,
  type JobStatus,
  NotFoundError,
  parseVendorTime,
  stringField,
  type VendorFailure,
} from '@mediajobs/core';
import { TAVUS } from './client.js';
import type { paths } from './generated/tavus.js';

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

/**
 * Tavus puts its message in `error` (400) or `message` (401). Its answer for an unknown video is a
 * 400 `Invalid video_id` (specs/tavus.yaml, getVideo), which is a not-found, not a bad request.
 */
const failureOf = (body: unknown): VendorFailure => {
  const message = stringField(body, 'error') ?? stringField(body, 'message');
  return { message, errorClass: message && /^invalid video_id$/i.test(message) ? NotFoundError : undefined };
};

/** Tavus videos as mediajobs jobs: delete (optionally hard), get and list. */
export function createTavusAdapter(options: AdapterOptions = {}): JobAdapter {
  const tools = createAdapterTools<paths>(TAVUS, options, failureOf);
  return {
    provider: 'tavus',
    batchSize: 1,
    async delete(id, { hard, signal }) {
      const result = await tools.client.DELETE('/v2/videos/{video_id}', {
        params: { path: { video_id: id }, query: hard ? { hard: true } : {} },
        parseAs: 'text',
        signal,
      });
      tools.ok(result);
    },
    async get(id, { signal }) {
      const result = await tools.client.GET('/v2/videos/{video_id}', {
        params: { path: { video_id: id } },
        parseAs: 'text',
        signal,
      });
      return jobOf(id, tools.object(result.response, tools.ok(result)));
    },
    /**
     * Pages are offsets into the live list, numbered from 0. The docs disagree on the base (see the
     * spec's decisions): an empty page 0 is followed by page 1 before the list is called empty, and
     * the facade's walk drops the repeats a 1-based service gives for page 0, so either is complete.
     * List items carry no creation time; the single read has it.
     */
    async listPage({ cursor, signal }) {
      const readPage = async (page: number) => {
        const result = await tools.client.GET('/v2/videos', {
          params: { query: { limit: PAGE_SIZE, page } },
          parseAs: 'text',
          signal,
        });
        const response = result.response;
        return tools.items(response, tools.object(response, tools.ok(result)).data, 'data', 'video_id');
      };
      let page = cursor === undefined ? 0 : Number(cursor);
      let videos = await readPage(page);
      if (page === 0 && videos.length === 0) videos = await readPage(++page);
      return {
        jobs: videos.map((video) => jobOf(video.video_id as string, video)),
        next: videos.length === 0 ? undefined : String(page + 1),
      };
    },
  };

  function jobOf(id: string, video: Record<string, unknown>): Job {
    const status = tools.status(video.status, STATUS);
    return {
      provider: 'tavus',
      id,
      status,
      urls: ['download_url', 'stream_url', 'hosted_url'].flatMap((key) => stringField(video, key) ?? []),
      error:
        status === 'failed' ? (stringField(video, 'status_details') ?? stringField(video, 'error_details')) : undefined,
      createdAt: parseVendorTime(video.created_at),
      raw: video,
    };
  }
}
