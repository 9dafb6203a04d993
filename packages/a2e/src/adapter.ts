import {
  createAdapterTools,
  type JobAdapter,
  type JobStatus,
  MediaJobsError,
  NotFoundError,
  numberField,
  stringField,
} from '@mediajobs/core';
import { A2E, type A2eClientOptions } from './client.js';
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

const failureOf = (body: unknown) => ({
  message: stringField(body, 'msg') ?? stringField(body, 'message'),
  code: numberField(body, 'code'),
});

/**
 * A2E avatar videos as mediajobs jobs. A2E answers HTTP 200 with a body `code` (0 is success, any
 * other value an error), sometimes as text/plain; both are handled here.
 */
export function createA2eAdapter(options: A2eClientOptions = {}): JobAdapter {
  const tools = createAdapterTools<paths>(A2E, options, failureOf);
  /** The answer's body as an object whose `code` is 0; anything else is thrown. */
  const success = (result: { response: Response; data?: unknown; error?: unknown }) => {
    const answer = tools.object(result.response, tools.ok(result));
    if (answer.code !== 0) throw tools.fail(result.response, answer, failureOf(answer), MediaJobsError);
    return answer;
  };
  return {
    provider: 'a2e',
    batchSize: 1,
    async delete(ids, { signal }) {
      for (const id of ids) {
        success(
          await tools.client.DELETE('/api/v1/video/{_id}', { params: { path: { _id: id } }, parseAs: 'text', signal }),
        );
      }
    },
    async get(id, { signal }) {
      const answer = success(
        await tools.client.POST('/api/v1/video/awsResult', { body: { _id: id }, parseAs: 'text', signal }),
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
