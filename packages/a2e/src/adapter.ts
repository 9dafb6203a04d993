import {
  type AdapterOptions,
  codeAndMessage,
  createAdapterTools,
  isRecord,
  type Job,
  type JobAdapter,
  type JobStatus,
  NotFoundError,
  numberField,
  parseVendorTime,
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

/** Tasks per list page (public clients use 20; no maximum is known). */
const PAGE_SIZE = 100;

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
      return jobOf(id, isRecord(task) ? task : {});
    },
    /**
     * The list endpoint is unverified (specs/a2e.yaml, x-mediajobs-unverified): pages numbered from 1
     * with tasks under `data.data`, as public clients read it. Another shape fails with an error that
     * says what was expected and what came.
     */
    async listPage({ cursor, signal }) {
      const page = cursor === undefined ? 1 : Number(cursor);
      const result = await tools.client.GET('/api/v1/video/awsList', {
        params: { query: { current: page, pageSize: PAGE_SIZE } },
        parseAs: 'text',
        signal,
      });
      const answer = tools.withSuccessCode(result, SUCCESS);
      const tasks = tools.items(
        result.response,
        isRecord(answer.data) ? answer.data.data : undefined,
        'data.data',
        '_id',
      );
      return {
        jobs: tasks.map((task) => jobOf(task._id as string, task)),
        next: tasks.length === 0 ? undefined : String(page + 1),
      };
    },
  };

  function jobOf(id: string, task: Record<string, unknown>): Job {
    const status = tools.status(stringField(task, 'status'), STATUS);
    return {
      provider: 'a2e',
      id,
      status,
      progress: numberField(task, 'process'),
      urls: [stringField(task, 'result') ?? []].flat(),
      error: status === 'failed' ? stringField(task, 'msg') : undefined,
      createdAt: parseVendorTime(task.createdAt),
      raw: task,
    };
  }
}
