import {
  type AdapterOptions,
  type AdapterTools,
  codeAndMessage,
  createAdapterTools,
  InsufficientCreditsError,
  type Job,
  type JobStatus,
  MediaJobsError,
  stringField,
  type TextResult,
} from '@mediajobs/core';
import { TENSORSLAB } from './client.js';
import type { paths as ImagesPaths } from './generated/images.js';
import type { paths as VideoPaths } from './generated/video.js';

/** Task ids per TensorsLab batch delete call when `batchSize` is not given. */
export const DEFAULT_TENSORSLAB_BATCH_SIZE = 100;

const SUCCESS = 1000;
const CODES = { 9000: InsufficientCreditsError };

/**
 * How TensorsLab's generation requests mark success (specs/tensorslab-*.yaml, TaskCreatedResponse): the new
 * task's id in `data.taskid`; an HTTP 200 with a `code` other than 1000 made no task.
 */
export const CREATED_SUCCESS = { field: 'code', value: SUCCESS } as const;

/**
 * What both TensorsLab kinds speak through. TensorsLab answers HTTP 200 for failures: body `code`
 * 1000 is success, 9000 insufficient credits, anything else (9999) a failure.
 */
export interface TensorsLabConnection {
  video: AdapterTools<VideoPaths>;
  images: AdapterTools<ImagesPaths>;
  batchSize: number;
}

export interface TensorsLabConnectOptions extends AdapterOptions {
  /** Task ids per batch delete call (default 100). */
  batchSize?: number;
}

export function connectTensorsLab({
  batchSize = DEFAULT_TENSORSLAB_BATCH_SIZE,
  ...options
}: TensorsLabConnectOptions): TensorsLabConnection {
  return {
    video: createAdapterTools<VideoPaths>(TENSORSLAB, options, codeAndMessage),
    images: createAdapterTools<ImagesPaths>(TENSORSLAB, options, codeAndMessage),
    batchSize,
  };
}

/** The `data` of an answer whose body code says success; anything else is thrown. */
export function success(tools: AdapterTools<object>, result: TextResult) {
  const answer = tools.withSuccessCode(result, SUCCESS, CODES);
  return { response: result.response, data: answer.data };
}

/** A batch delete's answer: one `data.status` for the whole batch, `Success` or a failure. */
export function checkDeleted(tools: AdapterTools<object>, result: TextResult): void {
  const { response, data } = success(tools, result);
  const status = stringField(data, 'status');
  if (status !== 'Success') {
    throw tools.fail(
      response,
      data,
      { message: `deletion status ${status ?? 'missing'}`, code: status },
      MediaJobsError,
    );
  }
}

/** A task of either kind as a job; `status` is read from the kind's own field. */
export function taskJob(id: string, kind: string, status: JobStatus, task: Record<string, unknown>): Job {
  return {
    provider: 'tensorslab',
    id,
    kind,
    status,
    urls: Array.isArray(task.url) ? task.url.filter((url): url is string => typeof url === 'string' && url !== '') : [],
    // The image API puts a failure's reason in `error_message`, the video API in `message`.
    error: status === 'failed' ? (stringField(task, 'error_message') ?? stringField(task, 'message')) : undefined,
    raw: task,
  };
}

/** Why neither kind lists: the UnsupportedOperationError says what to do instead. */
export const CANNOT_LIST =
  'TensorsLab has no endpoint that lists tasks, so mediajobs cannot list or purge them. ' +
  "Delete the task ids you recorded when creating them: deleteMany([{ provider: 'tensorslab', id, kind }]).";
