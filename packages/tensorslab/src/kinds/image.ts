import type { JobStatus, KindDefinition } from '@mediajobs/core';
import {
  CANNOT_LIST,
  CREATED_SUCCESS,
  checkDeleted,
  success,
  type TensorsLabConnection,
  taskJob,
} from '../connection.js';

/** `image_status` of an image task (specs/tensorslab-images.yaml). */
const STATUS: Record<string, JobStatus> = { 1: 'queued', 2: 'running', 3: 'succeeded', 4: 'failed' };

/** TensorsLab image tasks: deleted in batches, read one by one; no list. */
export const image: KindDefinition<TensorsLabConnection, 'image'> = {
  name: 'image',
  summary: 'image tasks',
  creates: [{ method: 'POST', path: '/v1/images/seedreamv45', idField: 'data.taskid', success: CREATED_SUCCESS }],
  cannotList: CANNOT_LIST,
  delete: (tensorslab, id, call) => deleteTasks(tensorslab, [id], call),
  deleteBatch: { size: (tensorslab) => tensorslab.batchSize, run: deleteTasks },
  async get({ images }, id, { signal }) {
    const { response, data } = success(
      images,
      await images.client.POST('/v1/images/infobytaskid', { body: { taskid: id }, parseAs: 'text', signal }),
    );
    const task = images.object(response, data);
    return taskJob(id, 'image', images.status(task.image_status, STATUS), task);
  },
};

async function deleteTasks(
  { images }: TensorsLabConnection,
  ids: readonly string[],
  { signal }: { signal?: AbortSignal },
) {
  const body = { taskids: [...ids] };
  checkDeleted(images, await images.client.POST('/v1/images/deleteimagestask', { body, parseAs: 'text', signal }));
}
