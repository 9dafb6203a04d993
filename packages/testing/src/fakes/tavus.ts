// Tavus: videos and replicas (its biometric face models), by id in the path, the key in `x-api-key`.
// A video delete soft-deletes (the video then reads and lists as `deleted`) unless `hard=true`; a second
// soft delete is refused. A deleted replica (soft or hard) is unknown: specs/tavus.yaml reads Get Replica
// of one as its 400 `Invalid replica_id`, and replica statuses are started, completed, error. Lists are
// pages numbered from 0. Replicas are the account's own (`user`) and Tavus's stock ones (`system`, never
// to be deleted), listed only when `replica_type` is absent or `system`; `replica_ids` narrows the list.
import {
  type Answer,
  type HeldJob,
  json,
  type ListCall,
  type MockCall,
  numberOf,
  offsetPage,
  type Route,
  type VendorFake,
} from './fake.js';

/** Videos are soft-deleted unless `hard=true`; replicas are gone either way (see above). */
const SOFT_DELETES = ['video'];
const httpDate = (ms: number) => new Date(ms).toUTCString();
const mediaUrl = (id: string) => `https://example.com/tavus/${encodeURIComponent(id)}.mp4`;
/** `video_id`, `replica_id`: the name of a kind's id, and of its error `Invalid <kind>_id`. */
const idField = (kind: string) => `${kind}_id`;

/** A video as its list shows it: no creation time (the docs show none; the single read has it). */
function video(job: HeldJob, softDeleted: boolean) {
  const name = { video_id: job.id, video_name: `Video ${job.id}`, data: { script: 'Hi, this is a mock video.' } };
  if (softDeleted) return { ...name, status: 'deleted', status_details: 'This video has been deleted.' };
  return {
    ...name,
    status: 'ready',
    download_url: mediaUrl(job.id),
    stream_url: `https://example.com/tavus/${job.id}/stream.m3u8`,
    hosted_url: `https://tavus.video/${job.id}`,
    status_details: 'Your video is ready.',
  };
}

/** A trained replica as its list and its read show it (ISO 8601 times, as the spec's examples). */
function replica(job: HeldJob) {
  return {
    replica_id: job.id,
    replica_name: `Replica ${job.id}`,
    thumbnail_video_url: mediaUrl(job.id),
    training_progress: '100/100',
    status: 'completed',
    created_at: new Date(job.createdAtMs).toISOString(),
    replica_type: job.system ? 'system' : 'user',
  };
}

const item = (kind: string, job: HeldJob, softDeleted: boolean) =>
  kind === 'replica' ? replica(job) : video(job, softDeleted);

function list({ route, query, held }: ListCall): Answer {
  const type = query('replica_type');
  const ids = query('replica_ids')?.split(',');
  const listed = held
    .listed('tavus', route.kind)
    .filter((job) => type === undefined || (type === 'system') === (job.system === true))
    .filter((job) => ids === undefined || ids.includes(job.id));
  const page = offsetPage(listed, numberOf(query, 'page', 0), numberOf(query, 'limit', 10), 0);
  return json(200, {
    data: page.map((job) => item(route.kind, job, held.isSoftDeleted(job))),
    total_count: listed.length,
  });
}

function readHeld(route: Route, job: HeldJob, softDeleted: boolean): Answer {
  if (route.kind === 'replica') {
    const updated_at = new Date(job.createdAtMs + 300_000).toISOString();
    return json(200, { ...replica(job), updated_at, error_message: null });
  }
  const updated_at = httpDate(job.createdAtMs + 300_000);
  return json(200, { ...video(job, softDeleted), created_at: httpDate(job.createdAtMs), updated_at });
}

/** The mocks: an unknown job, or a soft-deleted one deleted again without `hard`, is 400 `Invalid <kind>_id`. */
function mock(call: MockCall): Answer | undefined {
  const { route, query, held } = call;
  if (route.operation === 'list') return list(call);
  const found = held.find('tavus', route.kind, call.ids[0] ?? '');
  const job = found && !held.isRemoved(found) ? found : undefined;
  const softDeleted = job !== undefined && held.isSoftDeleted(job);
  const hard = query('hard') === 'true';
  if (!job || (route.operation === 'delete' && softDeleted && !hard)) {
    return json(400, { error: `Invalid ${idField(route.kind)}` });
  }
  if (route.operation === 'get') return readHeld(route, job, softDeleted);
  held.delete(job, SOFT_DELETES.includes(route.kind) && !hard);
  return { status: 200 };
}

export const tavus: VendorFake<'tavus', true> = {
  name: 'tavus',
  kinds: ['video', 'replica'],
  lists: true,
  routes: [
    { method: 'DELETE', path: '/v2/videos/{id}', operation: 'delete', kind: 'video' },
    { method: 'GET', path: '/v2/videos/{id}', operation: 'get', kind: 'video' },
    { method: 'GET', path: '/v2/videos', operation: 'list', kind: 'video' },
    { method: 'DELETE', path: '/v2/replicas/{id}', operation: 'delete', kind: 'replica' },
    { method: 'GET', path: '/v2/replicas/{id}', operation: 'get', kind: 'replica' },
    { method: 'GET', path: '/v2/replicas', operation: 'list', kind: 'replica' },
  ],
  auth: { header: 'x-api-key', prefix: '' },
  specs: ['tavus.yaml'],
  softDeletes: SOFT_DELETES,
  mockJobs: [
    { id: '8a4f94e736', ageDays: 1 },
    { id: '783537ef5', ageDays: 3 },
    { id: '5c1e2a9b40', ageDays: 12 },
    { id: '9d3e7b21c4', ageDays: 45 },
    { id: 'b27a0c6e18', ageDays: 90 },
    { id: 'e1f4d2a7c9', ageDays: 200, softDeleted: true },
    // The specs' example replicas, one more of the account's own, and two of Tavus's stock ones.
    { id: 'r783537ef5', kind: 'replica', ageDays: 1 },
    { id: 'rf4e9d9790f0', kind: 'replica', ageDays: 2 },
    { id: 'r4c41453d2', kind: 'replica', ageDays: 45 },
    { id: 'r79e1c033f', kind: 'replica', ageDays: 400, system: true },
    { id: 'rb17cf590e15', kind: 'replica', ageDays: 400, system: true },
  ],
  seed(job, n) {
    // One video in 20 already soft-deleted.
    if (n % 20 === 2) job.softDeleted = true;
  },
  read({ kind }, id) {
    if (kind === 'replica')
      return json(200, { replica_id: id, replica_name: id, status: 'completed', training_progress: '100/100' });
    return json(200, { video_id: id, status: 'ready', download_url: mediaUrl(id) });
  },
  readHeld,
  deleted: () => ({ status: 200, body: '' }),
  notFound: ({ kind }) =>
    kind === 'replica' ? json(400, { error: 'Invalid replica_id' }) : json(404, { error: 'video not found' }),
  error: (status, message) => json(status, { error: message }),
  echo({ operation, kind }, id, { key, message, fields, failed }) {
    if (operation !== 'get') return json(500, { error: message, message, ...fields });
    const extra = failed ? fields : {};
    const status = failed ? 'error' : key;
    if (kind === 'replica')
      return json(200, { replica_id: id, status, error_message: failed ? message : undefined, ...extra });
    return json(200, { video_id: id, status, status_details: failed ? message : undefined, ...extra });
  },
  list,
  mock,
};
