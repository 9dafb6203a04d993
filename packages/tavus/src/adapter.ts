import { type AdapterOptions, createAdapterTools, type JobAdapter, type JobStatus, stringField } from '@mediajobs/core';
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

/** Tavus puts its message in `error` (400) or `message` (401). */
const failureOf = (body: unknown) => ({ message: stringField(body, 'error') ?? stringField(body, 'message') });

/** Tavus videos as mediajobs jobs: delete (optionally hard) and get. */
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
      const video = tools.object(result.response, tools.ok(result));
      const status = tools.status(video.status, STATUS);
      return {
        provider: 'tavus',
        id,
        status,
        urls: ['download_url', 'stream_url', 'hosted_url'].flatMap((key) => stringField(video, key) ?? []),
        error:
          status === 'failed'
            ? (stringField(video, 'status_details') ?? stringField(video, 'error_details'))
            : undefined,
        raw: video,
      };
    },
  };
}
