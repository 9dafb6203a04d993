// What startMockVendors answers about jobs: a small account per vendor, held for one start, that
// changes as requests act on it. Prism validates each request against the spec first and checks
// each answer against it after (see mocks.ts); this module only decides what a valid request gets,
// in the shape and with the errors the specs document:
// - a job the mock holds is read, listed and deleted as its vendor does; a deleted one then reads
//   as gone (Tavus: a soft-deleted video reads as `deleted`, a hard-deleted one is unknown);
// - an unknown job is the vendor's not-found (Tavus 400 `Invalid video_id`, Bifrost 404, A2E an
//   empty `data`, TensorsLab 404 `Task does not exist`, its batch delete code 9999);
// - a Bifrost id without its `:provider` suffix is the gateway's 400 `video_id must be in id:provider format`.
import { FAKES, idsOf, routeOf, VENDORS, type Vendor } from './fakes/index.js';
import { Inventory } from './inventory.js';

/** One job the mocks hold when they start. */
export interface MockJob {
  provider: Vendor;
  /** As the vendor writes it (Bifrost: `id:provider`). */
  id: string;
  /** The kind of job (default: the vendor's first); TensorsLab: a video or an image task (their ids are apart). */
  kind?: string;
  /** How many days before the start the job was created (whole seconds, as the vendors report it). */
  ageDays: number;
  /** Tavus: already soft-deleted (listed and read with status `deleted`). */
  softDeleted?: boolean;
  /** One of the vendor's stock items (Tavus's system replicas). */
  system?: boolean;
}

/** Every job the mocks hold when they start, from each vendor's fake. */
const HELD_JOBS: readonly MockJob[] = VENDORS.flatMap((vendor) =>
  (FAKES[vendor].mockJobs ?? []).map((job) => ({ provider: vendor, ...job })),
);

/**
 * The jobs every start of the mocks holds that the mediajobs clients act on, all finished (succeeded)
 * unless soft-deleted. The ids of the specs' examples (and of this repository's READMEs) are among
 * them, created a day ago; the older ones are there for listings and purges by age (older than 30
 * days: two per listing vendor, Bifrost's under `openai`, and Tavus's soft-deleted one). The mocks
 * hold the vendors' other kinds too (Tavus's replicas, see its fake), which the clients do not drive.
 */
export const MOCK_JOBS: readonly MockJob[] = HELD_JOBS.filter((job) => {
  const { kinds, clientKinds = [kinds[0]] } = FAKES[job.provider];
  return clientKinds.includes(job.kind ?? kinds[0]);
});

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

/** The vendors' jobs for one start of the mocks; each vendor's fake answers for its own. */
export class MockState {
  private readonly held: Inventory;

  constructor(jobs: readonly MockJob[] = HELD_JOBS, now = Date.now()) {
    this.held = new Inventory(
      jobs.map((job) => ({
        ...job,
        createdAtMs: Math.floor((now - job.ageDays * DAY_MS) / 1000) * 1000,
        upstream: FAKES[job.provider].upstreamOf?.(job.id),
      })),
    );
  }

  /** The answer to a request the spec allows; undefined for a path no vendor has. */
  answer(request: MockRequest): MockAnswer | undefined {
    const route = routeOf(request.method.toUpperCase(), request.path);
    if (!route) return undefined;
    const query = (name: string) => {
      const value = request.query?.[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const answer = FAKES[route.vendor].mock?.({ route, query, held: this.held, ids: idsOf(route, request.body) });
    if (!answer) return undefined;
    const type = answer.type ?? 'application/json';
    if (answer.body === undefined || answer.body === '') return { statusCode: answer.status };
    const body =
      type === 'application/json' || typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    return { statusCode: answer.status, headers: { 'content-type': type }, body };
  }
}
