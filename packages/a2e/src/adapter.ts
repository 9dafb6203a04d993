import {
  type AdapterOptions,
  codeAndMessage,
  createAdapterTools,
  type JobAdapter,
  type JobStatus,
  NotFoundError,
  numberField,
  stringField,
} from '@mediajobs/core';
import { A2E } from './client.js';
import type { paths } from './generated/a2e.js';

/** A2E's status words (awsResult) as mediajobs job statuses. */
const STATUS: Record<string, JobStatus> = {
  init: 'queued',
  pending: 'queued',
  start: 'running',
  process: 'running',
  copy: 'running',
  success: 'succeeded',
  fail: 'failed',
};

const SUCCESS = 0;

/**
 * A2E avatar videos as mediajobs jobs. A2E answers HTTP 200 with a body `code` (0 is success, any
 * other value an error), sometimes as text/plain; both are handled here.
 */
export function createA2eAdapter(options: AdapterOptions = {}): JobAdapter {
  const tools = createAdapterTools<paths>(A2E, options, codeAndMessage);
  return {
    provider: 'a2e',
    batchSize: 1,
    async delete(id, { signal }) {
      tools.withSuccessCode(
        await tools.client.DELETE('/api/v1/video/{_id}', { params: { path: { _id: id } }, parseAs: 'text', signal }),
        SUCCESS,
      );
    },
    async get(id, { signal }) {
      const answer = tools.withSuccessCode(
        await tools.client.POST('/api/v1/video/awsResult', { body: { _id: id }, parseAs: 'text', signal }),
        SUCCESS,
      );
      const task = Array.isArray(answer.data) ? answer.data[0] : undefined;
      if (task === undefined) throw new NotFoundError(`a2e: no video task ${id} (check the id)`, { provider: 'a2e' });
      const status = tools.status(stringField(task, 'status'), STATUS);
      return {
        provider: 'a2e',
        id,
        status,
        progress: numberField(task, 'process'),
        urls: [stringField(task, 'result') ?? []].flat(),
        error: status === 'failed' ? stringField(task, 'msg') : undefined,
        raw: task,
      };
    },
  };
}
