// What startMockVendors answers about jobs: a small account per vendor, held for one start, that
// changes as requests act on it. Prism validates each request against the spec first and checks
// each answer against it after (see mocks.ts); this module only decides what a valid request gets,
// in the shape and with the errors the specs document:
// - a job the mock holds is read, listed and deleted as its vendor does; a deleted one then reads
//   as gone (Tavus: a soft-deleted video reads as `deleted`, a hard-deleted one is unknown);
// - an unknown job is the vendor's not-found (Tavus 400 `Invalid video_id`, Bifrost 404, A2E an
//   empty `data`, TensorsLab 404 `Task does not exist`, its batch delete code 9999);
// - a Bifrost id without its `:provider` suffix is the gateway's 400 `video_id must be in id:provider format`.
import { Inventory, type SeededJob } from './inventory.js';
import { idsOf, routeOf, type Vendor } from './routes.js';

/** One job the mocks hold when they start. */
export interface MockJob {
  provider: Vendor;
  /** As the vendor writes it (Bifrost: `id:provider`). */
  id: string;
  /** TensorsLab: a video or an image task (their ids are apart). */
  kind?: 'video' | 'image';
  /** How many days before the start the job was created (whole seconds, as the vendors report it). */
  ageDays: number;
  /** Tavus: already soft-deleted (listed and read with status `deleted`). */
  softDeleted?: boolean;
}

/**
 * The jobs every start of the mocks holds, all finished (succeeded) unless soft-deleted. The ids of
 * the specs' examples (and of this repository's READMEs) are among them, created a day ago; the
 * older ones are there for listings and purges by age (older than 30 days: two per listing vendor,
 * Bifrost's under `openai`, and Tavus's soft-deleted one).
 */
export const MOCK_JOBS: readonly MockJob[] = [
  { provider: 'tensorslab', kind: 'video', id: 'abcd_1234567890abcdef', ageDays: 1 },
  { provider: 'tensorslab', kind: 'video', id: 'abcd_2345678901bcdefa', ageDays: 40 },
  { provider: 'tensorslab', kind: 'image', id: 'abcd_fedcba0987654321', ageDays: 1 },
  { provider: 'tensorslab', kind: 'image', id: 'abcd_edcba0987654321f', ageDays: 40 },
  { provider: 'tavus', id: '8a4f94e736', ageDays: 1 },
  { provider: 'tavus', id: '783537ef5', ageDays: 3 },
  { provider: 'tavus', id: '5c1e2a9b40', ageDays: 12 },
  { provider: 'tavus', id: '9d3e7b21c4', ageDays: 45 },
  { provider: 'tavus', id: 'b27a0c6e18', ageDays: 90 },
  { provider: 'tavus', id: 'e1f4d2a7c9', ageDays: 200, softDeleted: true },
  { provider: 'bifrost', id: 'video_abc123:openai', ageDays: 1 },
  { provider: 'bifrost', id: 'video_def456:openai', ageDays: 4 },
  { provider: 'bifrost', id: 'video_0a1b2c:openai', ageDays: 20 },
  { provider: 'bifrost', id: 'video_3d4e5f:openai', ageDays: 40 },
  { provider: 'bifrost', id: 'video_6a7b8c:openai', ageDays: 75 },
  { provider: 'bifrost', id: 'video_9c8d7e:gemini', ageDays: 10 },
  { provider: 'bifrost', id: 'video_6f5a4b:gemini', ageDays: 50 },
  { provider: 'a2e', id: '668d0108b3cb5f841f30f8f4', ageDays: 1 },
  { provider: 'a2e', id: '668d0108b3cb5f841f30f8f5', ageDays: 2 },
  { provider: 'a2e', id: '652630d6bae4de626f8b49ec', ageDays: 15 },
  { provider: 'a2e', id: '64f1a2b3c4d5e6f708192a3b', ageDays: 35 },
  { provider: 'a2e', id: '64e0a1b2c3d4e5f60718293a', ageDays: 100 },
];

/** Upstreams Bifrost cannot list (as its Runware adapter answers). */
const UNLISTABLE = new Set(['runware']);

const DAY_MS = 86_400_000;

/** A request as Prism hands it over: lower-case method, path, query, and the body (JSON parsed). */
export interface MockRequest {
  method: string;
  path: string;
  query?: Record<string, string | string[]>;
  body?: unknown;
}

/** An answer in Prism's terms. */
export interface MockAnswer {
  statusCode: number;
  headers?: Record<string, string>;
  body?: unknown;
}

interface Task {
  createdAtMs: number;
  deleted: boolean;
}

/** The vendors' jobs for one start of the mocks. */
export class MockState {
  private readonly inventory: Inventory;
  private readonly tasks = new Map<string, Task>();

  constructor(jobs: readonly MockJob[] = MOCK_JOBS, now = Date.now()) {
    const seeded: SeededJob[] = [];
    for (const job of jobs) {
      const createdAtMs = Math.floor((now - job.ageDays * DAY_MS) / 1000) * 1000;
      if (job.provider === 'tensorslab') {
        this.tasks.set(taskKey(job.kind, job.id), { createdAtMs, deleted: false });
        continue;
      }
      const upstream = job.provider === 'bifrost' ? job.id.slice(job.id.indexOf(':') + 1) : undefined;
      seeded.push({ provider: job.provider, id: job.id, createdAtMs, upstream, softDeleted: job.softDeleted });
    }
    this.inventory = new Inventory(seeded);
  }

  /** The answer to a request the spec allows; undefined for a path no vendor has. */
  answer(request: MockRequest): MockAnswer | undefined {
    const route = routeOf(request.method.toUpperCase(), request.path);
    if (!route) return undefined;
    const query = (name: string) => {
      const value = request.query?.[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const [id = ''] = idsOf(route, request.body);
    switch (route.vendor) {
      case 'tensorslab': {
        if (route.operation === 'delete') return this.tensorsLabDelete(route.kind, idsOf(route, request.body));
        return this.tensorsLabGet(route.kind, id);
      }
      case 'tavus':
        if (route.operation === 'list') return this.tavusList(Number(query('page') ?? 0), Number(query('limit') ?? 10));
        return this.tavus(route.operation, id, query('hard') === 'true');
      case 'bifrost':
        if (route.operation === 'list') {
          return this.bifrostList(query('provider') ?? '', query('after'), Number(query('limit') ?? 20));
        }
        return this.bifrost(route.operation, id);
      case 'a2e':
        if (route.operation === 'list')
          return this.a2eList(Number(query('current') ?? 1), Number(query('pageSize') ?? 20));
        return this.a2e(route.operation, id);
    }
  }

  private live(vendor: Vendor, id: string): SeededJob | undefined {
    const job = this.inventory.find(vendor, id);
    return job && !this.inventory.isRemoved(job) ? job : undefined;
  }

  private tensorsLabGet(kind: 'video' | 'image' | undefined, id: string): MockAnswer {
    const task = this.tasks.get(taskKey(kind, id));
    // The video API documents a 404 for an unknown task; the image API (same host) is taken to answer alike.
    if (!task || task.deleted) return json(404, { code: 9999, msg: 'Task does not exist' });
    const url = [`https://example.com/tensorslab/${id}.${kind === 'image' ? 'jpg' : 'mp4'}`];
    if (kind === 'image') {
      const starttime = new Date(task.createdAtMs).toISOString().slice(0, 19).replace('T', ' ');
      return json(200, {
        code: 1000,
        msg: 'OK',
        data: { taskid: id, starttime, url, image_status: 3, width: 2048, height: 2048 },
      });
    }
    return json(200, {
      code: 1000,
      msg: 'Successfully',
      data: {
        taskid: id,
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

  /** One answer for the batch: all deleted, or (any id unknown or already deleted) none. */
  private tensorsLabDelete(kind: 'video' | 'image' | undefined, ids: string[]): MockAnswer {
    const tasks = ids.map((id) => this.tasks.get(taskKey(kind, id)));
    if (tasks.some((task) => !task || task.deleted)) {
      return json(200, { code: 9999, msg: 'Task not found or already deleted', data: { status: 'Failed' } });
    }
    for (const task of tasks as Task[]) task.deleted = true;
    return json(200, { code: 1000, msg: 'Successfully', data: { status: 'Success' } });
  }

  private tavus(operation: 'get' | 'delete', id: string, hard: boolean): MockAnswer {
    const job = this.live('tavus', id);
    const softDeleted = job !== undefined && this.inventory.isSoftDeleted(job);
    if (!job || (operation === 'delete' && softDeleted && !hard)) return json(400, { error: 'Invalid video_id' });
    if (operation === 'get') {
      return json(200, {
        ...tavusVideo(job, softDeleted),
        created_at: new Date(job.createdAtMs).toUTCString(),
        updated_at: new Date(job.createdAtMs + 300_000).toUTCString(),
      });
    }
    this.inventory.delete(job, hard);
    return { statusCode: 200 };
  }

  private tavusList(page: number, limit: number): MockAnswer {
    const videos = this.inventory.offsetPage('tavus', page, limit, 0);
    return json(200, {
      data: videos.map((job) => tavusVideo(job, this.inventory.isSoftDeleted(job))),
      total_count: this.inventory.offsetPage('tavus', 0, Number.MAX_SAFE_INTEGER, 0).length,
    });
  }

  private bifrost(operation: 'get' | 'delete', id: string): MockAnswer {
    const colon = id.indexOf(':');
    if (colon <= 0 || colon === id.length - 1) {
      return json(400, {
        is_bifrost_error: false,
        status_code: 400,
        error: { message: 'video_id must be in id:provider format' },
        extra_fields: {},
      });
    }
    const upstream = id.slice(colon + 1);
    const requestType = operation === 'get' ? 'video_retrieve' : 'video_delete';
    const extra = { request_type: requestType, provider: upstream };
    const job = this.live('bifrost', id);
    if (!job) {
      return json(404, {
        is_bifrost_error: false,
        status_code: 404,
        error: { type: 'invalid_request_error', message: `Video with id '${id.slice(0, colon)}' not found.` },
        extra_fields: extra,
      });
    }
    if (operation === 'delete') {
      this.inventory.delete(job, true);
      return json(200, { id, object: 'video.deleted', deleted: true, extra_fields: extra });
    }
    return json(200, {
      ...bifrostVideo(job),
      videos: [{ type: 'url', url: mediaUrl('bifrost', id), content_type: 'video/mp4' }],
      extra_fields: extra,
    });
  }

  private bifrostList(upstream: string, after: string | undefined, limit: number): MockAnswer {
    if (UNLISTABLE.has(upstream)) {
      return json(400, {
        is_bifrost_error: false,
        error: { message: `video_list is not supported by ${upstream} provider`, code: 'unsupported_operation' },
        extra_fields: { provider: upstream, request_type: 'video_list' },
      });
    }
    const page = this.inventory.cursorPage(upstream, after, limit + 1);
    const data = page.slice(0, limit).map(bifrostVideo);
    return json(200, {
      object: 'list',
      data,
      ...(data.length > 0 && { first_id: data[0]?.id, last_id: data.at(-1)?.id }),
      has_more: page.length > limit,
    });
  }

  private a2e(operation: 'get' | 'delete', id: string): MockAnswer {
    const job = this.inventory.find('a2e', id);
    if (operation === 'get') {
      // A deleted task "no longer shows in your results" (specs/a2e.yaml): an empty list, as for an unknown one.
      const live = job && !this.inventory.isRemoved(job);
      return json(200, { code: 0, data: live ? [{ ...a2eTask(job), msg: '', diff_s: 52 }] : [] });
    }
    // Deleting a deleted task again is a no-op success (as the fault server answers); an unknown one fails.
    if (!job) return text(200, '{"code":1,"msg":"video not found"}');
    this.inventory.delete(job, true);
    return text(200, '{"code":0,"data":{}}');
  }

  private a2eList(current: number, pageSize: number): MockAnswer {
    return json(200, { code: 0, data: { data: this.inventory.offsetPage('a2e', current, pageSize, 1).map(a2eTask) } });
  }
}

const taskKey = (kind: 'video' | 'image' | undefined, id: string) => `${kind ?? 'video'}/${id}`;

/** Where a job's video is said to be: Bifrost's without its `:provider` suffix, as the spec's example has it. */
const mediaUrl = (vendor: Vendor, id: string) =>
  `https://example.com/${vendor}/${encodeURIComponent(vendor === 'bifrost' ? (id.split(':')[0] ?? id) : id)}.mp4`;

function tavusVideo(job: SeededJob, softDeleted: boolean) {
  const name = { video_id: job.id, video_name: `Video ${job.id}`, data: { script: 'Hi, this is a mock video.' } };
  if (softDeleted) return { ...name, status: 'deleted', status_details: 'This video has been deleted.' };
  return {
    ...name,
    status: 'ready',
    download_url: mediaUrl('tavus', job.id),
    stream_url: `https://example.com/tavus/${job.id}/stream.m3u8`,
    hosted_url: `https://tavus.video/${job.id}`,
    status_details: 'Your video is ready.',
  };
}

function bifrostVideo(job: SeededJob) {
  const created = Math.floor(job.createdAtMs / 1000);
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

function a2eTask(job: SeededJob) {
  return {
    _id: job.id,
    status: 'success',
    process: 100,
    result: mediaUrl('a2e', job.id),
    createdAt: new Date(job.createdAtMs).toISOString(),
  };
}

function json(statusCode: number, body: unknown): MockAnswer {
  return { statusCode, headers: { 'content-type': 'application/json' }, body };
}

function text(statusCode: number, body: string): MockAnswer {
  return { statusCode, headers: { 'content-type': 'text/plain' }, body };
}
