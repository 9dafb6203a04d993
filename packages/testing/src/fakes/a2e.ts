// A2E: video tasks, deleted by `_id` in the path, read by `_id` in a POST body, the key as a Bearer
// token. Answers are HTTP 200 with a `code` (0 done, 1 failed), some as text/plain; a deleted task "no
// longer shows in your results" (an empty `data`), and deleting it again is a no-op success. Lists are
// pages numbered from 1 (`current`, `pageSize`).
// The account's other records (specs/a2e.yaml): custom avatars (removed by a POST of `{_id}`), voices,
// uploaded faces, face-swap, dubbing, image-to-video and caption-removal tasks, custom backgrounds, by
// `_id` in the path. A record reads as `{code: 0, data: {...}}`, one that is gone as `data: null`; paged
// lists are `pageNum` from 1 and `pageSize`, with `{rows, count}`; voices are listed all at once.
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

/** The record kinds, with the status word a finished one has (none for uploaded faces and backgrounds). */
const RECORD_KINDS: Readonly<Record<string, string | undefined>> = {
  avatar: 'completed',
  voice: 'completed',
  'face-swap-image': undefined,
  'face-swap-task': 'completed',
  dubbing: 'completed',
  'image-to-video': 'completed',
  'caption-removal': 'completed',
  background: undefined,
};

/** One record of the account, as its read and its list show it. */
function record(kind: string, id: string, createdAtMs: number) {
  const status = RECORD_KINDS[kind];
  return {
    _id: id,
    name: `${kind} ${id}`,
    ...(status === undefined ? {} : { current_status: status }),
    ...(kind === 'face-swap-image' ? { face_url: `https://example.com/a2e/faces/${encodeURIComponent(id)}.jpg` } : {}),
    ...(status === undefined || kind === 'avatar' || kind === 'voice' ? {} : { result_url: mediaUrl(id) }),
    createdAt: new Date(createdAtMs).toISOString(),
  };
}

const isRecordKind = (kind: string) => Object.hasOwn(RECORD_KINDS, kind);

function list({ route, query, held }: ListCall): Answer {
  if (route.kind === 'voice') {
    return json(200, {
      code: 0,
      data: held.listed('a2e', 'voice').map((job) => record('voice', job.id, job.createdAtMs)),
    });
  }
  if (isRecordKind(route.kind)) {
    const listed = held.listed('a2e', route.kind);
    const rows = offsetPage(listed, numberOf(query, 'pageNum', 1), numberOf(query, 'pageSize', 10), 1);
    return json(200, {
      code: 0,
      data: { rows: rows.map((job) => record(route.kind, job.id, job.createdAtMs)), count: listed.length },
    });
  }
  const page = offsetPage(
    held.listed('a2e', route.kind),
    numberOf(query, 'current', 1),
    numberOf(query, 'pageSize', 20),
    1,
  );
  return json(200, { code: 0, data: { data: page.map(task) } });
}

const readHeld = (route: Route, job: HeldJob) =>
  isRecordKind(route.kind)
    ? json(200, { code: 0, data: record(route.kind, job.id, job.createdAtMs) })
    : json(200, { code: 0, data: [{ ...task(job), msg: '', diff_s: 52 }] });
const readRemoved = (route: Route) =>
  isRecordKind(route.kind) ? json(200, { code: 0, data: null }) : json(200, { code: 0, data: [] });
const deleted = (route: Route) =>
  isRecordKind(route.kind) ? json(200, { code: 0, data: {} }) : text(200, { code: 0, data: {} });
/** A delete of a record that never was: code 1 (A2E documents no not-found; see specs/a2e.yaml). */
const notFound = (route: Route) =>
  isRecordKind(route.kind)
    ? json(200, { code: 1, msg: `${route.kind} not found` })
    : text(200, { code: 1, msg: 'video not found' });

/** The mocks: an unknown task reads as an empty list, and its delete fails (code 1). */
function mock(call: MockCall): Answer | undefined {
  const { route, held } = call;
  if (route.operation === 'list') return list(call);
  const job = held.find('a2e', route.kind, call.ids[0] ?? '');
  if (route.operation === 'get') return job && !held.isRemoved(job) ? readHeld(route, job) : readRemoved(route);
  if (!job) return notFound(route);
  held.delete(job, false);
  return deleted(route);
}

export const a2e: VendorFake<'a2e', true> = {
  name: 'a2e',
  kinds: [
    'video',
    'avatar',
    'voice',
    'face-swap-image',
    'face-swap-task',
    'dubbing',
    'image-to-video',
    'caption-removal',
    'background',
  ],
  lists: true,
  routes: [
    { method: 'DELETE', path: '/api/v1/video/{id}', operation: 'delete', kind: 'video' },
    { method: 'POST', path: '/api/v1/video/awsResult', operation: 'get', kind: 'video' },
    { method: 'GET', path: '/api/v1/video/awsList', operation: 'list', kind: 'video' },
    { method: 'POST', path: '/api/v1/userVideoTwin/remove', operation: 'delete', kind: 'avatar' },
    { method: 'GET', path: '/api/v1/userVideoTwin/records', operation: 'list', kind: 'avatar' },
    { method: 'GET', path: '/api/v1/userVideoTwin/{id}', operation: 'get', kind: 'avatar' },
    { method: 'DELETE', path: '/api/v1/userVoice/{id}', operation: 'delete', kind: 'voice' },
    { method: 'GET', path: '/api/v1/userVoice/completedRecord', operation: 'list', kind: 'voice' },
    { method: 'GET', path: '/api/v1/userVoice/{id}', operation: 'get', kind: 'voice' },
    { method: 'DELETE', path: '/api/v1/userFaceSwapImage/{id}', operation: 'delete', kind: 'face-swap-image' },
    { method: 'GET', path: '/api/v1/userFaceSwapImage/records', operation: 'list', kind: 'face-swap-image' },
    { method: 'DELETE', path: '/api/v1/userFaceSwapTask/{id}', operation: 'delete', kind: 'face-swap-task' },
    { method: 'GET', path: '/api/v1/userFaceSwapTask/records', operation: 'list', kind: 'face-swap-task' },
    { method: 'GET', path: '/api/v1/userFaceSwapTask/{id}', operation: 'get', kind: 'face-swap-task' },
    { method: 'DELETE', path: '/api/v1/userDubbing/{id}', operation: 'delete', kind: 'dubbing' },
    { method: 'GET', path: '/api/v1/userDubbing/allRecords', operation: 'list', kind: 'dubbing' },
    { method: 'DELETE', path: '/api/v1/userImage2Video/{id}', operation: 'delete', kind: 'image-to-video' },
    { method: 'GET', path: '/api/v1/userImage2Video/allRecords', operation: 'list', kind: 'image-to-video' },
    { method: 'GET', path: '/api/v1/userImage2Video/{id}', operation: 'get', kind: 'image-to-video' },
    { method: 'DELETE', path: '/api/v1/userCaptionRemoval/{id}', operation: 'delete', kind: 'caption-removal' },
    { method: 'GET', path: '/api/v1/userCaptionRemoval/allRecords', operation: 'list', kind: 'caption-removal' },
    { method: 'DELETE', path: '/api/v1/anchor/background/{id}', operation: 'delete', kind: 'background' },
  ],
  auth: { header: 'authorization', prefix: 'Bearer ' },
  mockJobs: [
    { id: '668d0108b3cb5f841f30f8f4', ageDays: 1 },
    { id: '668d0108b3cb5f841f30f8f5', ageDays: 2 },
    { id: '652630d6bae4de626f8b49ec', ageDays: 15 },
    { id: '64f1a2b3c4d5e6f708192a3b', ageDays: 35 },
    { id: '64e0a1b2c3d4e5f60718293a', ageDays: 100 },
    // The spec's example records, and one older per kind (for purges by age).
    { id: '6674f1765699df7e9d25311b', kind: 'avatar', ageDays: 1 },
    { id: '6674f1765699df7e9d2531a0', kind: 'avatar', ageDays: 40 },
    { id: '6674f1765699df7e9d25311d', kind: 'voice', ageDays: 1 },
    { id: '6674f1765699df7e9d2531a1', kind: 'voice', ageDays: 40 },
    { id: '6674f1765699df7e9d2531a2', kind: 'face-swap-image', ageDays: 1 },
    { id: '6674f1765699df7e9d2531a3', kind: 'face-swap-image', ageDays: 40 },
    { id: '6674f1765699df7e9d25311a', kind: 'face-swap-task', ageDays: 1 },
    { id: '6674f1765699df7e9d2531a4', kind: 'face-swap-task', ageDays: 40 },
    { id: '6674f1765699df7e9d2531a5', kind: 'dubbing', ageDays: 40 },
    { id: '67d29023dd27a536fdf6e809', kind: 'image-to-video', ageDays: 1 },
    { id: '6674f1765699df7e9d2531a6', kind: 'caption-removal', ageDays: 40 },
    { id: '6674f1765699df7e9d2531a7', kind: 'background', ageDays: 40 },
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
  read: (route, id) =>
    isRecordKind(route.kind)
      ? json(200, { code: 0, data: record(route.kind, id, Date.now()) })
      : text(200, { code: 0, data: [{ _id: id, status: 'success', result: mediaUrl(id) }] }),
  readHeld,
  readRemoved,
  deleted,
  notFound,
  error: (status, message) => json(status, { code: status, msg: message }),
  failure: () => text(200, { code: 1, msg: 'failed' }),
  echo(route, id, { key, message, fields, failed }) {
    const { operation } = route;
    if (operation !== 'get') return json(200, { code: 1, msg: message, ...fields });
    if (isRecordKind(route.kind)) {
      const word = failed ? 'failed' : key;
      return json(200, {
        code: 0,
        data: {
          _id: id,
          current_status: word,
          failed_message: failed ? message : undefined,
          ...(failed ? fields : {}),
        },
      });
    }
    const status = failed ? 'fail' : key;
    return json(200, {
      code: 0,
      data: [{ _id: id, status, msg: failed ? message : undefined, ...(failed ? fields : {}) }],
    });
  },
  list,
  mock,
};
