import {
  type AdapterCallOptions,
  type AdapterOptions,
  codeAndMessage,
  createAdapterTools,
  InsufficientCreditsError,
  type JobAdapter,
  type JobStatus,
  MediaJobsError,
  stringField,
  type TextResult,
} from '@mediajobs/core';
import { TENSORSLAB } from './client.js';
import type { paths as ImagesPaths } from './generated/images.js';
import type { paths as VideoPaths } from './generated/video.js';

/** `task_status` of a video task (specs/tensorslab-video.yaml). */
const VIDEO_STATUS: Record<string, JobStatus> = {
  1: 'queued',
  2: 'running',
  3: 'succeeded',
  4: 'failed',
  5: 'running', // uploading the result
};

/** `image_status` of an image task (specs/tensorslab-images.yaml). */
const IMAGE_STATUS: Record<string, JobStatus> = { 1: 'queued', 2: 'running', 3: 'succeeded', 4: 'failed' };

const SUCCESS = 1000;
const CODES = { 9000: InsufficientCreditsError };
/** Task ids per TensorsLab batch delete call when `batchSize` is not given. */
export const DEFAULT_TENSORSLAB_BATCH_SIZE = 100;

export interface TensorsLabAdapterOptions extends AdapterOptions {
  /** Task ids per batch delete call (default 100). */
  batchSize?: number;
}

/**
 * TensorsLab video and image tasks as mediajobs jobs. TensorsLab deletes in batches and answers
 * HTTP 200 for failures: body `code` 1000 is success, 9000 insufficient credits, anything else (9999)
 * a failure, as is `data.status: "Failed"`; one answer covers the whole batch.
 */
export function createTensorsLabAdapter(options: TensorsLabAdapterOptions = {}): JobAdapter {
  const { batchSize = DEFAULT_TENSORSLAB_BATCH_SIZE, ...clientOptions } = options;
  const video = createAdapterTools<VideoPaths>(TENSORSLAB, clientOptions, codeAndMessage);
  const images = createAdapterTools<ImagesPaths>(TENSORSLAB, clientOptions, codeAndMessage);
  const tools = video; // decoding and errors are the same for both APIs

  /** The `data` of an answer whose body code says success; anything else is thrown. */
  const success = (result: TextResult) => {
    const answer = tools.withSuccessCode(result, SUCCESS, CODES);
    return { response: result.response, data: answer.data };
  };

  const deleteBatch = async (ids: readonly string[], { kind, signal }: AdapterCallOptions) => {
    const body = { taskids: [...ids] };
    const { response, data } = success(
      kind === 'image'
        ? await images.client.POST('/v1/images/deleteimagestask', { body, parseAs: 'text', signal })
        : await video.client.POST('/v1/video/deletevideotask', { body, parseAs: 'text', signal }),
    );
    const status = stringField(data, 'status');
    if (status !== 'Success') {
      throw tools.fail(
        response,
        data,
        { message: `deletion status ${status ?? 'missing'}`, code: status },
        MediaJobsError,
      );
    }
  };

  return {
    provider: 'tensorslab',
    batchSize,
    delete: (id, options) => deleteBatch([id], options),
    deleteBatch,
    async get(id, { kind, signal }) {
      const body = { taskid: id };
      const { response, data } = success(
        kind === 'image'
          ? await images.client.POST('/v1/images/infobytaskid', { body, parseAs: 'text', signal })
          : await video.client.POST('/v1/video/infobytaskid', { body, parseAs: 'text', signal }),
      );
      const task = tools.object(response, data);
      const status =
        kind === 'image' ? tools.status(task.image_status, IMAGE_STATUS) : tools.status(task.task_status, VIDEO_STATUS);
      return {
        provider: 'tensorslab',
        id,
        kind: kind ?? 'video',
        status,
        urls: Array.isArray(task.url)
          ? task.url.filter((url): url is string => typeof url === 'string' && url !== '')
          : [],
        // The image API puts a failure's reason in `error_message`, the video API in `message`.
        error: status === 'failed' ? (stringField(task, 'error_message') ?? stringField(task, 'message')) : undefined,
        raw: task,
      };
    },
  };
}
