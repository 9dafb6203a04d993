// TensorsLab: video and image tasks (their ids are apart), read and deleted by POST with the ids in the
// body (`taskid`, a batch `taskids`), the key as a Bearer token. Answers are HTTP 200 with a `code`
// (1000 done, 9999 failed, 9000 no credits); one answer for a whole batch. No list.
import { type Answer, type HeldJob, json, type MockCall, PLANNED, type Route, type VendorFake } from './fake.js';

const statusField = (kind: string) => (kind === 'image' ? 'image_status' : 'task_status');
const mediaUrl = (kind: string, id: string) =>
  `https://example.com/tensorslab/${encodeURIComponent(id)}.${kind === 'image' ? 'jpg' : 'mp4'}`;

function readHeld({ kind }: Route, job: HeldJob): Answer {
  const url = [mediaUrl(kind, job.id)];
  if (kind === 'image') {
    const starttime = new Date(job.createdAtMs).toISOString().slice(0, 19).replace('T', ' ');
    return json(200, {
      code: 1000,
      msg: 'OK',
      data: { taskid: job.id, starttime, url, image_status: 3, width: 2048, height: 2048 },
    });
  }
  return json(200, {
    code: 1000,
    msg: 'Successfully',
    data: {
      taskid: job.id,
      url,
      task_status: 3,
      message: '',
      prompt: 'A paper boat drifting down a rainy street',
      resolution: '720p',
      fps: 24,
      source: 'seedancev2',
      duration: 5,
      ratio: '16:9',
    },
  });
}

/**
 * The mocks: an unknown task reads as the video API's 404 (the image API, same host, documents none and
 * is taken to answer alike); a batch delete deletes all, or (any unknown or deleted) none, code 9999.
 */
function mock({ route, ids, held }: MockCall): Answer | undefined {
  const live = (id: string) => {
    const job = held.find('tensorslab', route.kind, id);
    return job && !held.isRemoved(job) ? job : undefined;
  };
  if (route.operation === 'get') {
    const job = live(ids[0] ?? '');
    return job ? readHeld(route, job) : json(404, { code: 9999, msg: 'Task does not exist' });
  }
  const jobs = ids.map(live);
  if (jobs.some((job) => !job)) {
    return json(200, { code: 9999, msg: 'Task not found or already deleted', data: { status: 'Failed' } });
  }
  for (const job of jobs as HeldJob[]) held.delete(job, false);
  return json(200, { code: 1000, msg: 'Successfully', data: { status: 'Success' } });
}

export const tensorslab: VendorFake<'tensorslab', false> = {
  name: 'tensorslab',
  kinds: ['video', 'image'],
  lists: false,
  routes: [
    { method: 'POST', path: '/v1/video/deletevideotask', operation: 'delete', kind: 'video' },
    { method: 'POST', path: '/v1/images/deleteimagestask', operation: 'delete', kind: 'image' },
    { method: 'POST', path: '/v1/video/infobytaskid', operation: 'get', kind: 'video' },
    { method: 'POST', path: '/v1/images/infobytaskid', operation: 'get', kind: 'image' },
  ],
  auth: { header: 'authorization', prefix: 'Bearer ' },
  mockJobs: [
    { kind: 'video', id: 'abcd_1234567890abcdef', ageDays: 1 },
    { kind: 'video', id: 'abcd_2345678901bcdefa', ageDays: 40 },
    { kind: 'image', id: 'abcd_fedcba0987654321', ageDays: 1 },
    { kind: 'image', id: 'abcd_edcba0987654321f', ageDays: 40 },
  ],
  specs: ['tensorslab-video.yaml', 'tensorslab-images.yaml'],
  repeatDeleteSucceeds: true,
  clientKinds: ['video', 'image'],
  batchDelete: true,
  idsOf(_route, body) {
    const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    if (Array.isArray(fields.taskids)) return fields.taskids.map(String);
    return fields.taskid === undefined ? [] : [String(fields.taskid)];
  },
  read: ({ kind }, id) =>
    json(200, { code: 1000, msg: 'success', data: { taskid: id, [statusField(kind)]: 3, url: [mediaUrl(kind, id)] } }),
  readHeld,
  deleted: () => json(200, { code: 1000, msg: 'success', data: { status: 'Success' } }),
  notFound: () => json(200, { code: 9999, msg: 'task not found' }),
  error: (status, message) => json(status, { code: status, msg: message }),
  // A batch with a `nocredit-` task fails for credits (see PLANNED).
  planned: (_route, ids) =>
    ids.some((id) => id.startsWith(PLANNED.noCredit))
      ? json(200, { code: 9000, msg: 'insufficient credits' })
      : undefined,
  failure: () => json(200, { code: 9999, msg: 'failed' }),
  echo({ operation, kind }, id, { key, message, fields, failed }) {
    if (operation !== 'get') return json(200, { code: 9999, msg: message, ...fields });
    const why = failed ? message : undefined;
    const data = {
      taskid: id,
      [statusField(kind)]: failed ? 4 : key,
      message: why,
      error_message: why,
      ...(failed ? fields : {}),
    };
    return json(200, { code: 1000, msg: 'success', data });
  },
  mock,
};
