// Bifrost, the gateway: videos by `id:provider` in the path (the suffix names the upstream provider),
// the key as a Bearer token. Lists are per upstream (`provider`, required), by cursor (`after`); some
// upstreams cannot list at all.
import {
  type Answer,
  type HeldJob,
  json,
  type ListCall,
  type MockCall,
  numberOf,
  type Route,
  unixSeconds,
  type VendorFake,
} from './fake.js';

/** Upstreams whose list the gateway refuses as unsupported (as Bifrost's Runware adapter does). */
export const UNLISTABLE_UPSTREAMS: ReadonlySet<string> = new Set(['runware']);

/** Where a job's video is said to be: without its `:provider` suffix, as the spec's example has it. */
const mediaUrl = (id: string) => `https://example.com/bifrost/${encodeURIComponent(id.split(':')[0] ?? id)}.mp4`;
const upstreamOf = (id: string) => (id.includes(':') ? id.slice(id.indexOf(':') + 1) : undefined);

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

function list({ route, query, held }: ListCall): Answer {
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
  const videos = [{ type: 'url', url: mediaUrl(job.id), content_type: 'video/mp4' }];
  return json(200, { ...video(job), videos, extra_fields: extraFields(route.operation, job.id) });
}

function deleted(route: Route, id: string): Answer {
  const extra = id.includes(':') ? { extra_fields: extraFields(route.operation, id) } : {};
  return json(200, { id, object: 'video.deleted', deleted: true, ...extra });
}

/** The mocks: an id without its suffix is the gateway's 400; an unknown one its upstream's 404. */
function mock(call: MockCall): Answer | undefined {
  const { route, held } = call;
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
  kinds: ['video'],
  lists: true,
  routes: [
    { method: 'DELETE', path: '/v1/videos/{id}', operation: 'delete', kind: 'video' },
    { method: 'GET', path: '/v1/videos/{id}', operation: 'get', kind: 'video' },
    { method: 'GET', path: '/v1/videos', operation: 'list', kind: 'video' },
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
  ],
  specs: ['bifrost.yaml'],
  upstreamOf,
  seed(job) {
    job.upstream = 'openai';
    job.id = `${job.id}:openai`;
  },
  read: (_route, id) =>
    json(200, { id, object: 'video', status: 'completed', progress: 100, videos: [{ url: mediaUrl(id) }] }),
  readHeld,
  deleted,
  notFound: () => error(404, 'video not found'),
  error,
  rateLimited: (requestsPerSecond) =>
    json(429, {
      type: 'rate_limited',
      is_bifrost_error: false,
      status_code: 429,
      error: { message: `Rate limit exceeded: ${requestsPerSecond} requests per second` },
      extra_fields: {},
    }),
  echo({ operation }, id, { key, message, fields, failed }) {
    if (operation !== 'get') return json(500, { event_id: key, error: { code: key, message, type: key }, ...fields });
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
