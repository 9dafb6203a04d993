import type { JobStatus, KindDefinition } from '@mediajobs/core';
import {
  CANNOT_LIST,
  CREATED_SUCCESS,
  checkDeleted,
  success,
  type TensorsLabConnection,
  taskJob,
} from '../connection.js';

/** `task_status` of a video task (specs/tensorslab-video.yaml). */
const STATUS: Record<string, JobStatus> = {
  1: 'queued',
  2: 'running',
  3: 'succeeded',
  4: 'failed',
  5: 'running', // uploading the result
};

/** TensorsLab video tasks: deleted in batches, read one by one; no list. */
export const video: KindDefinition<TensorsLabConnection, 'video'> = {
  name: 'video',
  summary: 'video tasks',
  creates: [{ method: 'POST', path: '/v1/video/seedancev2', idField: 'data.taskid', success: CREATED_SUCCESS }],
  cannotList: CANNOT_LIST,
  delete: (tensorslab, id, call) => deleteTasks(tensorslab, [id], call),
  deleteBatch: { size: (tensorslab) => tensorslab.batchSize, run: deleteTasks },
  async get({ video }, id, { signal }) {
    const { response, data } = success(
      video,
      await video.client.POST('/v1/video/infobytaskid', { body: { taskid: id }, parseAs: 'text', signal }),
    );
    const task = video.object(response, data);
    return taskJob(id, 'video', video.status(task.task_status, STATUS), task);
  },
};

async function deleteTasks(
  { video }: TensorsLabConnection,
  ids: readonly string[],
  { signal }: { signal?: AbortSignal },
) {
  const body = { taskids: [...ids] };
  checkDeleted(video, await video.client.POST('/v1/video/deletevideotask', { body, parseAs: 'text', signal }));
}
