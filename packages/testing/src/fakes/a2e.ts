// A2E: video tasks, deleted by `_id` in the path, read by `_id` in a POST body, the key as a Bearer
// token. Answers are HTTP 200 with a `code` (0 done, 1 failed), some as text/plain; a deleted task "no
// longer shows in your results" (an empty `data`), and deleting it again is a no-op success. Lists are
// pages numbered from 1 (`current`, `pageSize`).
import {
  type Answer,
  type HeldJob,
  json,
  type ListCall,
  type MockCall,
  numberOf,
  offsetPage,
  type Route,
  text,
  type VendorFake,
} from './fake.js';

const mediaUrl = (id: string) => `https://example.com/a2e/${encodeURIComponent(id)}.mp4`;

function task(job: HeldJob) {
  return {
    _id: job.id,
    status: 'success',
    process: 100,
    result: mediaUrl(job.id),
    createdAt: new Date(job.createdAtMs).toISOString(),
  };
}

function list({ route, query, held }: ListCall): Answer {
  const page = offsetPage(
    held.listed('a2e', route.kind),
    numberOf(query, 'current', 1),
    numberOf(query, 'pageSize', 20),
    1,
  );
  return json(200, { code: 0, data: { data: page.map(task) } });
}

const readHeld = (_route: Route, job: HeldJob) => json(200, { code: 0, data: [{ ...task(job), msg: '', diff_s: 52 }] });
const readRemoved = () => json(200, { code: 0, data: [] });
const deleted = () => text(200, { code: 0, data: {} });
const notFound = () => text(200, { code: 1, msg: 'video not found' });

/** The mocks: an unknown task reads as an empty list, and its delete fails (code 1). */
function mock(call: MockCall): Answer | undefined {
  const { route, held } = call;
  if (route.operation === 'list') return list(call);
  const job = held.find('a2e', route.kind, call.ids[0] ?? '');
  if (route.operation === 'get') return job && !held.isRemoved(job) ? readHeld(route, job) : readRemoved();
  if (!job) return notFound();
  held.delete(job, false);
  return deleted();
}

export const a2e: VendorFake<'a2e', true> = {
  name: 'a2e',
  kinds: ['video'],
  lists: true,
  routes: [
    { method: 'DELETE', path: '/api/v1/video/{id}', operation: 'delete', kind: 'video' },
    { method: 'POST', path: '/api/v1/video/awsResult', operation: 'get', kind: 'video' },
    { method: 'GET', path: '/api/v1/video/awsList', operation: 'list', kind: 'video' },
  ],
  auth: { header: 'authorization', prefix: 'Bearer ' },
  mockJobs: [
    { id: '668d0108b3cb5f841f30f8f4', ageDays: 1 },
    { id: '668d0108b3cb5f841f30f8f5', ageDays: 2 },
    { id: '652630d6bae4de626f8b49ec', ageDays: 15 },
    { id: '64f1a2b3c4d5e6f708192a3b', ageDays: 35 },
    { id: '64e0a1b2c3d4e5f60718293a', ageDays: 100 },
  ],
  specs: ['a2e.yaml'],
  repeatDeleteSucceeds: true,
  // A job that never existed is an HTTP 200 with a failure code, which is not a 404.
  goneErrorClass: 'MediaJobsError',
  idsOf(route, body) {
    if (route.pathId !== undefined) return [route.pathId];
    const id = typeof body === 'object' && body !== null ? (body as { _id?: unknown })._id : undefined;
    return id === undefined ? [] : [String(id)];
  },
  read: (_route, id) => text(200, { code: 0, data: [{ _id: id, status: 'success', result: mediaUrl(id) }] }),
  readHeld,
  readRemoved,
  deleted,
  notFound,
  error: (status, message) => json(status, { code: status, msg: message }),
  failure: () => text(200, { code: 1, msg: 'failed' }),
  echo({ operation }, id, { key, message, fields, failed }) {
    if (operation !== 'get') return json(200, { code: 1, msg: message, ...fields });
    const status = failed ? 'fail' : key;
    return json(200, {
      code: 0,
      data: [{ _id: id, status, msg: failed ? message : undefined, ...(failed ? fields : {}) }],
    });
  },
  list,
  mock,
};
