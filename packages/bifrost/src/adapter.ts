import {
  type AdapterOptions,
  createAdapterTools,
  isRecord,
  type JobAdapter,
  type JobStatus,
  numberField,
  stringField,
} from '@mediajobs/core';
import { BIFROST } from './client.js';
import type { paths } from './generated/bifrost.js';

/** Bifrost's VideoStatus values as mediajobs job statuses. */
const STATUS: Record<string, JobStatus> = {
  queued: 'queued',
  in_progress: 'running',
  completed: 'succeeded',
  failed: 'failed',
};

/** Bifrost's error envelope: `{ event_id, error: { code, message } }`. */
const failureOf = (body: unknown) => {
  const error = isRecord(body) ? body.error : undefined;
  return {
    message: stringField(error, 'message'),
    code: stringField(error, 'code'),
    requestId: stringField(body, 'event_id'),
  };
};

/** A Bifrost gateway's video jobs as mediajobs jobs. Ids are `id:provider` and pass unchanged. */
export function createBifrostAdapter(options: AdapterOptions = {}): JobAdapter {
  const tools = createAdapterTools<paths>(BIFROST, options, failureOf);
  return {
    provider: 'bifrost',
    batchSize: 1,
    async delete(id, { signal }) {
      const result = await tools.client.DELETE('/v1/videos/{video_id}', {
        params: { path: { video_id: id } },
        parseAs: 'text',
        signal,
      });
      const body = tools.ok(result);
      if (tools.object(result.response, body).deleted !== true) {
        throw tools.fail(result.response, body, { message: 'the gateway answered without `deleted: true`' });
      }
    },
    async get(id, { signal }) {
      const result = await tools.client.GET('/v1/videos/{video_id}', {
        params: { path: { video_id: id } },
        parseAs: 'text',
        signal,
      });
      const video = tools.object(result.response, tools.ok(result));
      const outputs = Array.isArray(video.videos) ? video.videos : [];
      return {
        provider: 'bifrost',
        id,
        status: tools.status(video.status, STATUS),
        progress: numberField(video, 'progress'),
        urls: outputs.flatMap((output) => stringField(output, 'url') ?? []),
        error: stringField(video.error, 'message'),
        raw: video,
      };
    },
  };
}
