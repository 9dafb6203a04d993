// Tavus: videos, replicas (its biometric face models), conversations, personas, knowledge-base documents
// and memory stores, by id in the path, the key in `x-api-key`.
// A video delete soft-deletes (the video then reads and lists as `deleted`) unless `hard=true`; a second
// soft delete is refused. A deleted replica (soft or hard) is unknown: specs/tavus.yaml reads Get Replica
// of one as its 400 `Invalid replica_id`, and replica statuses are started, completed, error. Lists are
// pages numbered from 0. Replicas are the account's own (`user`) and Tavus's stock ones (`system`, never
// to be deleted), listed only when `replica_type` is absent or `system`; `replica_ids` narrows the list.
// Personas likewise (`persona_type`: Tavus's stock personas are `system`). Conversations, personas and
// replicas answer an unknown or deleted id with 400 `Invalid <kind>_id`; documents and memory stores
// with 404 (`Document not found`, `Memory store not found`). Conversations, personas, documents and
// memory stores answer a delete with 204 and are gone after it (a conversation soft or hard). Documents
// are paged from 0 and filtered by `tags` (any of them); memory stores by `pal_id` and `participant_tag`,
// unpaged. A document's tags and a memory store's participant come from its id (see tagsOf, ownerOf).
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

/** A number from an id, so that a job's tags and owners are fixed by its id. */
const hashOf = (id: string) => [...id].reduce((sum, char) => (sum * 31 + char.charCodeAt(0)) % 9973, 7);
/** A document's tags: `docs`, and one of `important`, `meeting`, `website`. */
export const tagsOf = (id: string) => ['docs', ['important', 'meeting', 'website'][hashOf(id) % 3] as string];
/** A memory store's PAL and participant: one of two PALs, one of four participants. */
export const ownerOf = (id: string) => ({
  pal_id: hashOf(id) % 2 === 0 ? 'p5317866' : 'pf3073f2dcc1',
  participant_tag: `participant-${hashOf(id) % 4}`,
});
const iso = (ms: number) => new Date(ms).toISOString();
const times = (job: HeldJob) => ({ created_at: iso(job.createdAtMs), updated_at: iso(job.createdAtMs + 300_000) });

/** A conversation (ended) with the example replica and persona, as its list and its read show it. */
const conversation = (job: HeldJob) => ({
  conversation_id: job.id,
  conversation_name: `Conversation ${job.id}`,
  status: 'ended',
  replica_id: 'r783537ef5',
  persona_id: 'pf3073f2dcc1',
  ...times(job),
});
const persona = (job: HeldJob) => ({
  persona_id: job.id,
  persona_name: `Persona ${job.id}`,
  system_prompt: 'You are a patient tutor.',
  persona_type: job.system ? 'system' : 'user',
  ...times(job),
});
const document = (job: HeldJob) => ({
  document_id: job.id,
  document_name: `Document ${job.id}`,
  document_url: `https://example.com/tavus/${encodeURIComponent(job.id)}.pdf`,
  status: 'ready',
  progress: null,
  tags: tagsOf(job.id),
  ...times(job),
});
const memoryStore = (job: HeldJob) => ({ memory_store_id: job.id, ...ownerOf(job.id), ...times(job) });

function item(kind: string, job: HeldJob, softDeleted: boolean): Record<string, unknown> {
  if (kind === 'replica') return replica(job);
  if (kind === 'conversation') return conversation(job);
  if (kind === 'persona') return persona(job);
  if (kind === 'document') return document(job);
  if (kind === 'memory-store') return memoryStore(job);
  return video(job, softDeleted);
}

/** Whether a held job passes a list's filters (its stock items only when the list asks for them). */
function passes(kind: string, job: HeldJob, query: (name: string) => string | undefined): boolean {
  const type = query(kind === 'persona' ? 'persona_type' : 'replica_type');
  if (type !== undefined && (type === 'system') !== (job.system === true)) return false;
  const ids = kind === 'replica' ? query('replica_ids')?.split(',') : undefined;
  if (ids !== undefined && !ids.includes(job.id)) return false;
  const tags = kind === 'document' ? query('tags')?.split(',') : undefined;
  if (tags !== undefined && !tagsOf(job.id).some((tag) => tags.includes(tag))) return false;
  if (kind === 'memory-store') {
    const owner = ownerOf(job.id);
    const pal = query('pal_id');
    const participant = query('participant_tag');
    if (
      (pal !== undefined && pal !== owner.pal_id) ||
      (participant !== undefined && participant !== owner.participant_tag)
    )
      return false;
  }
  return true;
}

/** Kinds whose list has no pages (memory stores: none documented). */
const UNPAGED = ['memory-store'];

function list({ route, query, held }: ListCall): Answer {
  const listed = held.listed('tavus', route.kind).filter((job) => passes(route.kind, job, query));
  const data = (jobs: readonly HeldJob[]) => jobs.map((job) => item(route.kind, job, held.isSoftDeleted(job)));
  if (UNPAGED.includes(route.kind)) return json(200, { data: data(listed) });
  const [pageNumber, limit] = [numberOf(query, 'page', 0), numberOf(query, 'limit', 10)];
  const page = offsetPage(listed, pageNumber, limit, 0);
  const paging = route.kind === 'document' ? { page: pageNumber, limit } : {};
  return json(200, { data: data(page), total_count: listed.length, ...paging });
}

/** The answer to an unknown (or deleted) id, in each kind's documented form. */
function unknown(kind: string): Answer {
  if (kind === 'document') return json(404, { message: 'Document not found' });
  if (kind === 'memory-store') return json(404, { message: 'Memory store not found' });
  return json(400, { error: `Invalid ${idField(kind)}` });
}

/** A delete that worked: 200 with no body for videos and replicas, 204 for the others. */
const deletedAnswer = (kind: string): Answer =>
  kind === 'video' || kind === 'replica' ? { status: 200, body: '' } : { status: 204 };

function readHeld(route: Route, job: HeldJob, softDeleted: boolean): Answer {
  // Get Persona's page puts the persona in a `data` array.
  if (route.kind === 'persona') return json(200, { data: [persona(job)] });
  if (route.kind !== 'video' && route.kind !== 'replica') return json(200, item(route.kind, job, softDeleted));
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
  if (!job || (route.operation === 'delete' && softDeleted && !hard)) return unknown(route.kind);
  if (route.operation === 'get') return readHeld(route, job, softDeleted);
  held.delete(job, SOFT_DELETES.includes(route.kind) && !hard);
  return route.kind === 'video' || route.kind === 'replica' ? { status: 200 } : { status: 204 };
}

export const tavus: VendorFake<'tavus', true> = {
  name: 'tavus',
  kinds: ['video', 'replica', 'conversation', 'persona', 'document', 'memory-store'],
  lists: true,
  routes: [
    { method: 'DELETE', path: '/v2/videos/{id}', operation: 'delete', kind: 'video' },
    { method: 'GET', path: '/v2/videos/{id}', operation: 'get', kind: 'video' },
    { method: 'GET', path: '/v2/videos', operation: 'list', kind: 'video' },
    { method: 'DELETE', path: '/v2/replicas/{id}', operation: 'delete', kind: 'replica' },
    { method: 'GET', path: '/v2/replicas/{id}', operation: 'get', kind: 'replica' },
    { method: 'GET', path: '/v2/replicas', operation: 'list', kind: 'replica' },
    { method: 'DELETE', path: '/v2/conversations/{id}', operation: 'delete', kind: 'conversation' },
    { method: 'GET', path: '/v2/conversations/{id}', operation: 'get', kind: 'conversation' },
    { method: 'GET', path: '/v2/conversations', operation: 'list', kind: 'conversation' },
    { method: 'DELETE', path: '/v2/personas/{id}', operation: 'delete', kind: 'persona' },
    { method: 'GET', path: '/v2/personas/{id}', operation: 'get', kind: 'persona' },
    { method: 'GET', path: '/v2/personas', operation: 'list', kind: 'persona' },
    { method: 'DELETE', path: '/v2/documents/{id}', operation: 'delete', kind: 'document' },
    { method: 'GET', path: '/v2/documents/{id}', operation: 'get', kind: 'document' },
    { method: 'GET', path: '/v2/documents', operation: 'list', kind: 'document' },
    { method: 'DELETE', path: '/v2/memory-stores/{id}', operation: 'delete', kind: 'memory-store' },
    { method: 'GET', path: '/v2/memory-stores/{id}', operation: 'get', kind: 'memory-store' },
    { method: 'GET', path: '/v2/memory-stores', operation: 'list', kind: 'memory-store' },
  ],
  auth: { header: 'x-api-key', prefix: '' },
  specs: ['tavus.yaml'],
  softDeletes: SOFT_DELETES,
  stockKinds: ['replica', 'persona'],
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
    // The specs' example conversations, personas (and one stock persona), documents and memory stores.
    { id: 'c123456', kind: 'conversation', ageDays: 1 },
    { id: 'c7e2f1a90', kind: 'conversation', ageDays: 40 },
    { id: 'p5317866', kind: 'persona', ageDays: 2 },
    { id: 'pf3073f2dcc1', kind: 'persona', ageDays: 50 },
    { id: 'p0a1b2c3d4', kind: 'persona', ageDays: 400, system: true },
    { id: 'd8-5c71baca86fc', kind: 'document', ageDays: 3 },
    { id: 'd2468101214', kind: 'document', ageDays: 60 },
    { id: 'ms1a2b3c4d', kind: 'memory-store', ageDays: 4 },
    { id: 'ms5e6f7a8b', kind: 'memory-store', ageDays: 70 },
  ],
  seed(job, n) {
    // One video in 20 already soft-deleted (videos are what Tavus documents as listed once soft-deleted).
    if (n % 20 === 2 && (job.kind ?? 'video') === 'video') job.softDeleted = true;
  },
  read({ kind }, id) {
    const job = { provider: 'tavus', id, kind, createdAtMs: Date.now() };
    if (kind === 'persona') return json(200, { data: [persona(job)] });
    if (kind !== 'video' && kind !== 'replica') return json(200, item(kind, job, false));
    if (kind === 'replica')
      return json(200, { replica_id: id, replica_name: id, status: 'completed', training_progress: '100/100' });
    return json(200, { video_id: id, status: 'ready', download_url: mediaUrl(id) });
  },
  readHeld,
  deleted: ({ kind }) => deletedAnswer(kind),
  notFound: ({ kind }) => (kind === 'video' ? json(404, { error: 'video not found' }) : unknown(kind)),
  error: (status, message) => json(status, { error: message }),
  echo({ operation, kind }, id, { key, message, fields, failed }) {
    if (operation !== 'get') return json(500, { error: message, message, ...fields });
    const extra = failed ? fields : {};
    const status = failed ? 'error' : key;
    if (kind === 'replica')
      return json(200, { replica_id: id, status, error_message: failed ? message : undefined, ...extra });
    if (kind === 'conversation')
      return json(200, { conversation_id: id, status, conversation_name: message, ...extra });
    if (kind === 'document')
      return json(200, { document_id: id, status, error_message: failed ? message : undefined, ...extra });
    // Personas and memory stores have no status: the key comes back in a name.
    if (kind === 'persona') return json(200, { data: [{ persona_id: id, persona_name: message, ...fields }] });
    if (kind === 'memory-store') return json(200, { memory_store_id: id, participant_tag: message, ...fields });
    return json(200, { video_id: id, status, status_details: failed ? message : undefined, ...extra });
  },
  list,
  mock,
};
