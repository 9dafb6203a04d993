// Bifrost, the gateway: videos by `id:provider` in the path (the suffix names the upstream provider),
// the key as a Bearer token. Lists are per upstream (`provider`, required), by cursor (`after`); some
// upstreams cannot list at all. Its own log store (`log`: management routes under /api/logs): pages by
// offset, newest first, filtered by time range (start_time, end_time) and `content_search` (the prompt
// and output, here "Prompt of <id>" and "Output of <id>"); a delete takes `{"ids": [...]}` and answers
// the same 200 whether or not they exist; a read of one that is not there is 404 "log not found".
// Files (`file`, /v1/files): the upstream's own id in the path and the upstream in the query (`provider`
// to read or delete, `x-model-provider` to list), paged by `after` with `has_more` and `after`; an
// unknown file is OpenAI's 404 passed through. The fault server sees only the path id (idsOf has no
// query), so it holds files under the gateway's id with their `upstream`; the mocks hold them as
// `<id>:<provider>`, as mediajobs names them.
// Stored responses (`response`, /v1/responses/{id}): as files, the upstream's id in the path and the
// upstream in `provider` (openai when absent, as the gateway reads it); no list route. An unknown one is
// OpenAI's 404 passed through.
// Containers (`container`, /v1/containers): as files, the upstream's id in the path, but the upstream in
// `provider` on the list too; paged by `after` with `has_more`, `first_id`, `last_id` and `after`; status
// running (a day old or less here) or expired. An unknown one is the upstream's 404 passed through.
import {
  type Answer,
  type Held,
  type HeldJob,
  json,
  type ListCall,
  type MockCall,
  numberOf,
  pathIds,
  type Route,
  unixSeconds,
  type VendorFake,
} from './fake.js';

/** Upstreams whose list the gateway refuses as unsupported (as Bifrost's Runware adapter does). */
export const UNLISTABLE_UPSTREAMS: ReadonlySet<string> = new Set(['runware']);

/** Where a job's video is said to be: without its `:provider` suffix, as the spec's example has it. */
const mediaUrl = (id: string) => `https://example.com/bifrost/${encodeURIComponent(id.split(':')[0] ?? id)}.mp4`;
/** The suffix after the last colon (a video's first colon is its last: the gateway refuses others). */
const upstreamOf = (id: string) => (id.includes(':') ? id.slice(id.lastIndexOf(':') + 1) : undefined);

/** A held file's id as the gateway gives it: without the `:<upstream>` the mocks add. */
const fileIdOf = (job: Pick<HeldJob, 'id' | 'upstream'>) =>
  job.upstream && job.id.endsWith(`:${job.upstream}`) ? job.id.slice(0, -job.upstream.length - 1) : job.id;

/** A file as the gateway shows it (core/schemas/files.go FileObject; unix seconds). */
function fileItem(job: Pick<HeldJob, 'id' | 'upstream' | 'createdAtMs'>) {
  const id = fileIdOf(job);
  return {
    id,
    object: 'file',
    bytes: 2048,
    created_at: unixSeconds(job.createdAtMs),
    filename: `${id}.jsonl`,
    purpose: 'batch',
    status: 'processed',
  };
}

const fileExtra = (operation: string, upstream: string | undefined) => ({
  request_type: `file_${operation === 'get' ? 'retrieve' : operation}`,
  provider: upstream ?? '',
});

/** OpenAI's 404 for an unknown file, as the gateway passes it through. */
const FILE_NOT_FOUND = (route: Route, id = 'file') =>
  json(404, {
    is_bifrost_error: false,
    status_code: 404,
    error: { type: 'invalid_request_error', message: `No such File object: ${id}` },
    extra_fields: fileExtra(route.operation, undefined),
  });

/** The held file (or stored response) a request names (its path id and provider), in either form. */
function heldFile(held: Held, id: string, upstream: string, kind = 'file'): HeldJob | undefined {
  const job = held.find('bifrost', kind, `${id}:${upstream}`) ?? held.find('bifrost', kind, id);
  return job && (job.upstream === undefined || job.upstream === upstream) ? job : undefined;
}

/** One page of an upstream's files, newest first, by `after` (a file id); `after` again when there is more. */
function listFiles({ query, held }: ListCall): Answer {
  const upstream = query('x-model-provider');
  if (!upstream) return refuse('x-model-provider query parameter or x-model-provider header is required', {});
  const limit = numberOf(query, 'limit', 20);
  const after = query('after');
  const from = after === undefined ? undefined : (heldFile(held, after, upstream)?.id ?? after);
  const page = held.cursorPage('bifrost', 'file', upstream, from, (limit > 0 ? limit : 20) + 1);
  const data = page.slice(0, limit > 0 ? limit : 20).map(fileItem);
  const more = page.length > data.length;
  return json(200, {
    object: 'list',
    data,
    ...(more ? { has_more: true, after: data.at(-1)?.id } : {}),
    extra_fields: { request_type: 'file_list', provider: upstream },
  });
}

/** The mocks' files: the provider comes from the query, as the gateway reads it. */
function mockFiles(call: MockCall): Answer {
  const { route, held, query } = call;
  if (route.operation === 'list') return listFiles(call);
  const id = call.ids[0] ?? '';
  const upstream = query('provider');
  if (!upstream) return refuse('provider query parameter is required', {});
  const found = heldFile(held, id, upstream);
  const job = found && !held.isRemoved(found) ? found : undefined;
  if (!job) return FILE_NOT_FOUND(route, id);
  if (route.operation === 'get') return readHeld(route, job);
  held.delete(job, false);
  return deleted(route, id);
}

/** A stored response as the gateway shows it (core/schemas/responses.go BifrostResponsesResponse; unix seconds). */
function responseItem(job: Pick<HeldJob, 'id' | 'upstream' | 'createdAtMs'>) {
  const id = fileIdOf(job);
  const created = unixSeconds(job.createdAtMs);
  return {
    id,
    object: 'response',
    created_at: created,
    completed_at: created + 2,
    status: 'completed',
    model: 'gpt-4o-mini',
    output: [
      {
        type: 'message',
        id: `msg_${id}`,
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_text', text: `Output of ${id}` }],
      },
    ],
    store: true,
  };
}

const responseExtra = (operation: string, upstream: string | undefined) => ({
  request_type: `responses_${operation === 'get' ? 'retrieve' : operation}`,
  provider: upstream ?? 'openai',
});

/** OpenAI's 404 for an unknown stored response, as the gateway passes it through. */
const RESPONSE_NOT_FOUND = (route: Route, id = 'resp') =>
  json(404, {
    is_bifrost_error: false,
    status_code: 404,
    error: { type: 'invalid_request_error', message: `Response with id '${id}' not found.` },
    extra_fields: responseExtra(route.operation, undefined),
  });

/** The mocks' stored responses: the provider from the query, openai without it (as the gateway reads it). */
function mockResponses(call: MockCall): Answer {
  const { route, held, query } = call;
  const id = call.ids[0] ?? '';
  const upstream = query('provider') || 'openai';
  const found = heldFile(held, id, upstream, 'response');
  const job = found && !held.isRemoved(found) ? found : undefined;
  if (!job) return RESPONSE_NOT_FOUND(route, id);
  if (route.operation === 'get') return readHeld(route, job);
  held.delete(job, false);
  return deleted(route, `${id}:${upstream}`);
}

/** A container as the gateway shows it (core/schemas/containers.go ContainerObject; unix seconds). */
function containerItem(job: Pick<HeldJob, 'id' | 'upstream' | 'createdAtMs'>) {
  const id = fileIdOf(job);
  const created = unixSeconds(job.createdAtMs);
  return {
    id,
    object: 'container',
    name: `sandbox-${id}`,
    created_at: created,
    // OpenAI's containers expire 20 minutes after their last use; here, those over a day old have.
    status: Date.now() - job.createdAtMs > 86_400_000 ? 'expired' : 'running',
    expires_after: { anchor: 'last_active_at', minutes: 20 },
    last_active_at: created + 60,
    memory_limit: '1g',
  };
}

const containerExtra = (operation: string, upstream: string | undefined) => ({
  request_type: `container_${operation === 'get' ? 'retrieve' : operation}`,
  provider: upstream ?? '',
});

/** An upstream's 404 for an unknown container, as the gateway passes it through. */
const CONTAINER_NOT_FOUND = (route: Route, id = 'cntr') =>
  json(404, {
    is_bifrost_error: false,
    status_code: 404,
    error: { type: 'invalid_request_error', message: `Container with id '${id}' not found.` },
    extra_fields: containerExtra(route.operation, undefined),
  });

/** One page of an upstream's containers, newest first, by `after` (a container id); `after` again when there is more. */
function listContainers({ query, held }: ListCall): Answer {
  const upstream = query('provider');
  if (!upstream) return refuse('provider query parameter is required', {});
  const asked = numberOf(query, 'limit', 20);
  const limit = asked > 0 ? Math.min(asked, 100) : 20;
  const after = query('after');
  const from = after === undefined ? undefined : (heldFile(held, after, upstream, 'container')?.id ?? after);
  const page = held.cursorPage('bifrost', 'container', upstream, from, limit + 1);
  const data = page.slice(0, limit).map(containerItem);
  const more = page.length > data.length;
  return json(200, {
    object: 'list',
    data,
    ...(data.length > 0 ? { first_id: data[0]?.id, last_id: data.at(-1)?.id } : {}),
    ...(more ? { has_more: true, after: data.at(-1)?.id } : {}),
    extra_fields: { request_type: 'container_list', provider: upstream },
  });
}

/** The mocks' containers: the provider comes from the query, as the gateway reads it. */
function mockContainers(call: MockCall): Answer {
  const { route, held, query } = call;
  if (route.operation === 'list') return listContainers(call);
  const id = call.ids[0] ?? '';
  const upstream = query('provider');
  if (!upstream) return refuse('provider query parameter is required', {});
  const found = heldFile(held, id, upstream, 'container');
  const job = found && !held.isRemoved(found) ? found : undefined;
  if (!job) return CONTAINER_NOT_FOUND(route, id);
  if (route.operation === 'get') return readHeld(route, job);
  held.delete(job, false);
  return deleted(route, `${id}:${upstream}`);
}

function video(job: HeldJob) {
  const created = unixSeconds(job.createdAtMs);
  return {
    id: job.id,
    object: 'video',
    model: 'sora-2',
    status: 'completed',
    progress: 100,
    prompt: 'A paper boat drifting down a rainy street',
    seconds: '4',
    size: '1280x720',
    created_at: created,
    completed_at: created + 112,
  };
}

const extraFields = (operation: string, id: string) => ({
  request_type: operation === 'get' ? 'video_retrieve' : 'video_delete',
  provider: upstreamOf(id) ?? '',
});

/** The gateway's own 400 (not its upstream's). */
const refuse = (message: string, extra: Record<string, unknown>, fields: Record<string, string> = {}) =>
  json(400, { is_bifrost_error: false, status_code: 400, error: { message, ...extra }, extra_fields: fields });

/** A log as the gateway's log store shows it (RFC 3339 times; the prompt and output name the id). */
function logItem(job: Pick<HeldJob, 'id' | 'createdAtMs'>) {
  return {
    id: job.id,
    timestamp: new Date(job.createdAtMs).toISOString(),
    object: 'chat.completion',
    provider: 'openai',
    model: 'gpt-4o-mini',
    status: 'success',
    stream: false,
    latency: 812,
    input_history: [{ role: 'user', content: `Prompt of ${job.id}` }],
    output_message: { role: 'assistant', content: `Output of ${job.id}` },
    created_at: new Date(job.createdAtMs + 50).toISOString(),
  };
}

/** The gateway's own error answer on its management routes (handlers' SendError). */
const sendError = (status: number, message: string) =>
  json(status, { is_bifrost_error: false, status_code: status, error: { message } });
const LOGS_DELETED = json(200, { message: 'Logs deleted successfully' });
const LOG_NOT_FOUND = () => sendError(404, 'log not found');

/** A time of the query (RFC 3339), or undefined when absent or not a time (the gateway ignores it then). */
function timeOf(query: (name: string) => string | undefined, name: string): number | undefined {
  const value = query(name);
  const ms = value === undefined ? Number.NaN : Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

function listLogs({ query, held }: ListCall): Answer {
  const limit = numberOf(query, 'limit', 50);
  const offset = numberOf(query, 'offset', 0);
  if (!(limit > 0)) return sendError(400, 'limit must be greater than 0');
  if (limit > 1000) return sendError(400, 'limit cannot exceed 1000');
  if (offset < 0) return sendError(400, 'offset cannot be negative');
  const start = timeOf(query, 'start_time');
  const end = timeOf(query, 'end_time');
  const search = query('content_search');
  const matching = held
    .listed('bifrost', 'log')
    .filter((job) => start === undefined || job.createdAtMs >= start)
    .filter((job) => end === undefined || job.createdAtMs <= end)
    .filter((job) => search === undefined || `Prompt of ${job.id} Output of ${job.id}`.includes(search));
  const ordered = query('order') === 'asc' ? [...matching].reverse() : matching;
  const logs = ordered.slice(offset, offset + limit).map(logItem);
  return json(200, {
    logs,
    pagination: { limit, offset, sort_by: 'timestamp', order: query('order') ?? 'desc', total_count: matching.length },
    stats: { total_requests: matching.length, success_rate: 100, average_latency: 812, total_tokens: 0, total_cost: 0 },
    has_logs: held.listed('bifrost', 'log').length > 0,
  });
}

function list(call: ListCall): Answer {
  if (call.route.kind === 'log') return listLogs(call);
  if (call.route.kind === 'file') return listFiles(call);
  if (call.route.kind === 'container') return listContainers(call);
  const { route, query, held } = call;
  const upstream = query('provider');
  if (!upstream) return refuse('provider query parameter is required', {});
  if (UNLISTABLE_UPSTREAMS.has(upstream)) {
    return refuse(
      `video_list is not supported by ${upstream} provider`,
      { code: 'unsupported_operation' },
      { provider: upstream, request_type: 'video_list' },
    );
  }
  const limit = numberOf(query, 'limit', 20);
  const page = held.cursorPage('bifrost', route.kind, upstream, query('after'), limit + 1);
  const data = page.slice(0, limit).map(video);
  return json(200, {
    object: 'list',
    data,
    first_id: data[0]?.id,
    last_id: data.at(-1)?.id,
    has_more: page.length > limit,
  });
}

function readHeld(route: Route, job: HeldJob): Answer {
  if (route.kind === 'log') return json(200, logItem(job));
  if (route.kind === 'response') {
    return json(200, { ...responseItem(job), extra_fields: responseExtra(route.operation, job.upstream) });
  }
  if (route.kind === 'container') {
    return json(200, { ...containerItem(job), extra_fields: containerExtra(route.operation, job.upstream) });
  }
  if (route.kind === 'file') {
    return json(200, {
      ...fileItem(job),
      storage_backend: 'api',
      extra_fields: fileExtra(route.operation, job.upstream),
    });
  }
  const videos = [{ type: 'url', url: mediaUrl(job.id), content_type: 'video/mp4' }];
  return json(200, { ...video(job), videos, extra_fields: extraFields(route.operation, job.id) });
}

function deleted(route: Route, id: string): Answer {
  if (route.kind === 'log') return LOGS_DELETED;
  if (route.kind === 'response') {
    const upstream = upstreamOf(id);
    const stored = upstream ? id.slice(0, -upstream.length - 1) : id;
    return json(200, {
      id: stored,
      object: 'response.deleted',
      deleted: true,
      extra_fields: responseExtra('delete', upstream),
    });
  }
  if (route.kind === 'container') {
    const upstream = upstreamOf(id);
    return json(200, {
      id: upstream ? id.slice(0, -upstream.length - 1) : id,
      object: 'container.deleted',
      deleted: true,
      extra_fields: containerExtra('delete', upstream),
    });
  }
  if (route.kind === 'file') {
    const file = id.includes(':') ? id.slice(0, id.lastIndexOf(':')) : id;
    return json(200, { id: file, object: 'file', deleted: true, extra_fields: fileExtra('delete', upstreamOf(id)) });
  }
  const extra = id.includes(':') ? { extra_fields: extraFields(route.operation, id) } : {};
  return json(200, { id, object: 'video.deleted', deleted: true, ...extra });
}

/** The mocks' logs: a delete removes those held and answers the same either way; a read of one not held is 404. */
function mockLogs(call: MockCall): Answer {
  const { route, held, ids } = call;
  if (route.operation === 'list') return listLogs(call);
  const present = ids
    .map((id) => held.find('bifrost', 'log', id))
    .filter((job): job is HeldJob => job !== undefined && !held.isRemoved(job));
  if (route.operation === 'get') return present[0] ? readHeld(route, present[0]) : LOG_NOT_FOUND();
  for (const job of present) held.delete(job, false);
  return LOGS_DELETED;
}

/** The mocks: an id without its suffix is the gateway's 400; an unknown one its upstream's 404. */
function mock(call: MockCall): Answer | undefined {
  const { route, held } = call;
  if (route.kind === 'log') return mockLogs(call);
  if (route.kind === 'file') return mockFiles(call);
  if (route.kind === 'response') return mockResponses(call);
  if (route.kind === 'container') return mockContainers(call);
  if (route.operation === 'list') return list(call);
  const id = call.ids[0] ?? '';
  const colon = id.indexOf(':');
  if (colon <= 0 || colon === id.length - 1) return refuse('video_id must be in id:provider format', {});
  const found = held.find('bifrost', route.kind, id);
  const job = found && !held.isRemoved(found) ? found : undefined;
  if (!job) {
    return json(404, {
      is_bifrost_error: false,
      status_code: 404,
      error: { type: 'invalid_request_error', message: `Video with id '${id.slice(0, colon)}' not found.` },
      extra_fields: extraFields(route.operation, id),
    });
  }
  if (route.operation === 'get') return readHeld(route, job);
  held.delete(job, false);
  return deleted(route, id);
}

const error = (status: number, message: string) =>
  json(status, { event_id: 'evt_test', error: { code: String(status), message } });

export const bifrost: VendorFake<'bifrost', true> = {
  name: 'bifrost',
  kinds: ['video', 'log', 'file', 'response', 'container'],
  lists: true,
  routes: [
    { method: 'DELETE', path: '/v1/videos/{id}', operation: 'delete', kind: 'video' },
    { method: 'GET', path: '/v1/videos/{id}', operation: 'get', kind: 'video' },
    { method: 'GET', path: '/v1/videos', operation: 'list', kind: 'video' },
    { method: 'DELETE', path: '/api/logs', operation: 'delete', kind: 'log' },
    { method: 'GET', path: '/api/logs/{id}', operation: 'get', kind: 'log' },
    { method: 'GET', path: '/api/logs', operation: 'list', kind: 'log' },
    { method: 'DELETE', path: '/v1/files/{id}', operation: 'delete', kind: 'file' },
    { method: 'GET', path: '/v1/files/{id}', operation: 'get', kind: 'file' },
    { method: 'GET', path: '/v1/files', operation: 'list', kind: 'file' },
    { method: 'DELETE', path: '/v1/responses/{id}', operation: 'delete', kind: 'response' },
    { method: 'GET', path: '/v1/responses/{id}', operation: 'get', kind: 'response' },
    { method: 'DELETE', path: '/v1/containers/{id}', operation: 'delete', kind: 'container' },
    { method: 'GET', path: '/v1/containers/{id}', operation: 'get', kind: 'container' },
    { method: 'GET', path: '/v1/containers', operation: 'list', kind: 'container' },
  ],
  auth: { header: 'authorization', prefix: 'Bearer ' },
  mockJobs: [
    { id: 'video_abc123:openai', ageDays: 1 },
    { id: 'video_def456:openai', ageDays: 4 },
    { id: 'video_0a1b2c:openai', ageDays: 20 },
    { id: 'video_3d4e5f:openai', ageDays: 40 },
    { id: 'video_6a7b8c:openai', ageDays: 75 },
    { id: 'video_9c8d7e:gemini', ageDays: 10 },
    { id: 'video_6f5a4b:gemini', ageDays: 50 },
    // The spec's example logs, and older ones for erasures by age.
    { id: '0f8b2c1e-6a4d-4f3e-9b7a-2d5c8e1f0a9b', kind: 'log', ageDays: 1 },
    { id: '5e2d7c3b-1f4a-4b8e-8c6d-9a0b1c2d3e4f', kind: 'log', ageDays: 2 },
    { id: '9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f', kind: 'log', ageDays: 3 },
    { id: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d', kind: 'log', ageDays: 45 },
    { id: '7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a', kind: 'log', ageDays: 90 },
    // The spec's example files, and older ones; held as `<id>:<provider>` (the mocks read the provider from the id).
    { id: 'file-abc123:openai', kind: 'file', ageDays: 1 },
    { id: 'file-def456:openai', kind: 'file', ageDays: 2 },
    { id: 'file-0a1b2c:openai', kind: 'file', ageDays: 35 },
    { id: 'file-3d4e5f:openai', kind: 'file', ageDays: 60 },
    { id: 'file-9e8d7c:gemini', kind: 'file', ageDays: 5 },
    // The spec's example response, and others; held as `<id>:<provider>`, as files.
    { id: 'resp_abc123:openai', kind: 'response', ageDays: 1 },
    { id: 'resp_0a1b2c:openai', kind: 'response', ageDays: 3 },
    { id: 'resp_9e8d7c:anthropic', kind: 'response', ageDays: 8 },
    // The spec's example containers, and an older one and another upstream's; held as `<id>:<provider>`.
    { id: 'cntr_abc123:openai', kind: 'container', ageDays: 0 },
    { id: 'cntr_def456:openai', kind: 'container', ageDays: 2 },
    { id: 'cntr_0a1b2c:openai', kind: 'container', ageDays: 40 },
    { id: 'cntr_9e8d7c:azure', kind: 'container', ageDays: 3 },
  ],
  specs: ['bifrost.yaml'],
  upstreamOf,
  /** A log delete names its ids in the body; every other operation in the path. */
  idsOf(route, body) {
    if (route.kind !== 'log' || route.operation !== 'delete') return pathIds(route);
    const ids = typeof body === 'object' && body !== null ? (body as { ids?: unknown }).ids : undefined;
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  },
  seed(job) {
    if (job.kind === 'file' || job.kind === 'container') {
      // A purge's receipts name a file `<id>:<provider>` and the fault server's ledger by its path id
      // alone (idsOf sees no query): the purge audit cannot match the two, so seedJobs' files (and
      // containers, named the same way) are seeded as videos until it can.
      job.kind = undefined;
    }
    if (job.kind !== undefined && job.kind !== 'video') return;
    job.upstream = 'openai';
    job.id = `${job.id}:openai`;
  },
  read: (route, id) =>
    route.kind === 'log'
      ? json(200, logItem({ id, createdAtMs: Date.now() }))
      : route.kind === 'file'
        ? json(200, { ...fileItem({ id, createdAtMs: Date.now() }), extra_fields: fileExtra('get', undefined) })
        : route.kind === 'response'
          ? json(200, {
              ...responseItem({ id, createdAtMs: Date.now() }),
              extra_fields: responseExtra('get', undefined),
            })
          : route.kind === 'container'
            ? json(200, {
                ...containerItem({ id, createdAtMs: Date.now() }),
                extra_fields: containerExtra('get', undefined),
              })
            : json(200, { id, object: 'video', status: 'completed', progress: 100, videos: [{ url: mediaUrl(id) }] }),
  readHeld,
  deleted,
  // A log delete answers the same whether or not the ids exist; a log read is 404 "log not found".
  notFound: (route) =>
    route.kind === 'file'
      ? FILE_NOT_FOUND(route, route.pathId)
      : route.kind === 'response'
        ? RESPONSE_NOT_FOUND(route, route.pathId)
        : route.kind === 'container'
          ? CONTAINER_NOT_FOUND(route, route.pathId)
          : route.kind !== 'log'
            ? error(404, 'video not found')
            : route.operation === 'delete'
              ? LOGS_DELETED
              : LOG_NOT_FOUND(),
  error,
  rateLimited: (requestsPerSecond) =>
    json(429, {
      type: 'rate_limited',
      is_bifrost_error: false,
      status_code: 429,
      error: { message: `Rate limit exceeded: ${requestsPerSecond} requests per second` },
      extra_fields: {},
    }),
  echo({ operation, kind }, id, { key, message, fields, failed }) {
    if (operation !== 'get') return json(500, { event_id: key, error: { code: key, message, type: key }, ...fields });
    if (kind === 'file') {
      const word = failed ? 'error' : key;
      const details = failed ? { status_details: message, ...fields } : {};
      return json(200, { id, object: 'file', created_at: unixSeconds(Date.now()), status: word, ...details });
    }
    if (kind === 'container') {
      // A container has no failure word: the key is its status word, and its fields when "failed".
      const details = failed ? { name: message, ...fields } : {};
      return json(200, { id, object: 'container', created_at: unixSeconds(Date.now()), status: key, ...details });
    }
    if (kind === 'response') {
      const details = failed ? { error: { code: 'server_error', message }, ...fields } : {};
      return json(200, {
        id,
        object: 'response',
        created_at: unixSeconds(Date.now()),
        status: failed ? 'failed' : key,
        ...details,
      });
    }
    if (kind === 'log') {
      const details = failed ? { error_details: { error: { message } }, ...fields } : {};
      return json(200, { id, timestamp: new Date().toISOString(), status: failed ? 'error' : key, ...details });
    }
    const status = failed ? 'failed' : key;
    return json(200, {
      id,
      object: 'video',
      status,
      error: failed ? { message } : undefined,
      ...(failed ? fields : {}),
    });
  },
  list,
  mock,
};
