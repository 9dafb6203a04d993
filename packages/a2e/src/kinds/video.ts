import {
  isRecord,
  type Job,
  type JobStatus,
  type KindDefinition,
  NotFoundError,
  numberField,
  parseVendorTime,
  stringField,
} from '@mediajobs/core';
import { type A2eConnection, CREATED_SUCCESS, SUCCESS } from '../connection.js';

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

/** Tasks per list page (public clients use 20; no maximum is known). */
const PAGE_SIZE = 100;

/** A2E avatar videos: delete, get and list. */
export const video: KindDefinition<A2eConnection, 'video'> = {
  name: 'video',
  summary: 'avatar videos',
  creates: [{ method: 'POST', path: '/api/v1/video/generate', idField: 'data._id', success: CREATED_SUCCESS }],
  unverified: "its list (awsList) is known from public clients only; delete and read are A2E's own pages",
  // A video made with a custom avatar (anchor_type 1, anchor_id) is made from it (specs/a2e.yaml decisions).
  madeFrom: ['avatar'],
  async delete(a2e, id, { signal }) {
    a2e.withSuccessCode(
      await a2e.client.DELETE('/api/v1/video/{_id}', { params: { path: { _id: id } }, parseAs: 'text', signal }),
      SUCCESS,
    );
  },
  async get(a2e, id, { signal }) {
    const answer = a2e.withSuccessCode(
      await a2e.client.POST('/api/v1/video/awsResult', { body: { _id: id }, parseAs: 'text', signal }),
      SUCCESS,
    );
    const task = Array.isArray(answer.data) ? answer.data[0] : undefined;
    if (task === undefined) throw new NotFoundError(`a2e: no video task ${id} (check the id)`, { provider: 'a2e' });
    return jobOf(a2e, id, isRecord(task) ? task : {});
  },
  /**
   * The list endpoint is unverified (specs/a2e.yaml, x-mediajobs-unverified): pages numbered from 1
   * with tasks under `data.data`, as public clients read it. Another shape fails with an error that
   * says what was expected and what came.
   */
  async listPage(a2e, { cursor, signal }) {
    const page = cursor === undefined ? 1 : Number(cursor);
    const result = await a2e.client.GET('/api/v1/video/awsList', {
      params: { query: { current: page, pageSize: PAGE_SIZE } },
      parseAs: 'text',
      signal,
    });
    const answer = a2e.withSuccessCode(result, SUCCESS);
    const tasks = a2e.items(result.response, isRecord(answer.data) ? answer.data.data : undefined, 'data.data', '_id');
    return {
      jobs: tasks.map((task) => jobOf(a2e, task._id as string, task)),
      next: tasks.length === 0 ? undefined : String(page + 1),
    };
  },
};

function jobOf(a2e: A2eConnection, id: string, task: Record<string, unknown>): Job {
  const status = a2e.status(stringField(task, 'status'), STATUS);
  return {
    provider: 'a2e',
    id,
    kind: 'video',
    status,
    progress: numberField(task, 'process'),
    urls: [stringField(task, 'result') ?? []].flat(),
    error: status === 'failed' ? stringField(task, 'msg') : undefined,
    createdAt: parseVendorTime(task.createdAt),
    raw: task,
  };
}
