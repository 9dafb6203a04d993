// Seeded job lists for the fault server and the mocks: each vendor's jobs per kind (and per upstream
// where the vendor lists by one) with their creation times, newest first, and what became of them.
// How a vendor pages them is its fake's business (fakes/).

import type { Held, HeldJob } from './fakes/fake.js';
import { defaultKind, FAKES, LISTING_VENDORS, type ListingVendor, type Vendor } from './fakes/index.js';
import { seededRandom } from './random.js';

export { UNLISTABLE_UPSTREAMS } from './fakes/bifrost.js';
export type { ListingVendor } from './fakes/index.js';

/** One job the server holds from the start. */
export interface SeededJob {
  provider: ListingVendor;
  id: string;
  /** The kind of job (default: the vendor's first, a video); e.g. `replica` for a Tavus replica. */
  kind?: string;
  /** Creation time, in milliseconds since the epoch. */
  createdAtMs: number;
  /** Bifrost: the upstream provider the job belongs to (ids carry it as a `:provider` suffix). */
  upstream?: string;
  /** Tavus: already soft-deleted (listed with status `deleted`). */
  softDeleted?: boolean;
  /**
   * One of the vendor's stock items, which must never be deleted (Tavus's `system` replicas): listed
   * only when the list asks for them (Tavus: `replica_type` absent or `system`, never with `user`).
   */
  system?: boolean;
}

const DAY_MS = 86_400_000;

/** Every Nth job of a kind with stock items is one (see VendorFake.stockKinds). */
const STOCK_EVERY = 10;

/**
 * `count` jobs spread in turn over Tavus, Bifrost (upstream openai) and A2E, created at random times
 * from now back to `maxAgeDays` days, with one Tavus video in 20 already soft-deleted. With
 * `kinds: 'listing'`, they are spread over every kind that lists at each vendor instead of its first,
 * and one in ten of a kind with stock items (Tavus's system replicas) is a stock item.
 */
export function seedJobs({
  count,
  now = Date.now(),
  maxAgeDays = 60,
  seed = 1,
  providers = LISTING_VENDORS,
  kinds = 'first',
}: {
  count: number;
  now?: number;
  maxAgeDays?: number;
  seed?: number;
  providers?: readonly ListingVendor[];
  /** `first`: each vendor's first kind (default); `listing`: every kind with a list operation. */
  kinds?: 'first' | 'listing';
}): SeededJob[] {
  const random = seededRandom(seed);
  const lists = providers.flatMap((provider) => {
    const fake = FAKES[provider];
    const listing = fake.kinds.filter((kind) => fake.routes.some((r) => r.kind === kind && r.operation === 'list'));
    return (kinds === 'listing' ? listing : [fake.kinds[0]]).map((kind) => ({ provider, kind }));
  });
  const jobs: SeededJob[] = [];
  for (let n = 0; n < count; n += 1) {
    const { provider, kind } = lists[n % lists.length] as { provider: ListingVendor; kind: string };
    const fake = FAKES[provider];
    // Whole seconds: Bifrost reports unix seconds, Tavus an HTTP date; both lose the milliseconds.
    const createdAtMs = Math.floor((now - random() * maxAgeDays * DAY_MS) / 1000) * 1000;
    const job: SeededJob = { provider, id: `listed_${n}`, createdAtMs };
    if (kind !== fake.kinds[0]) job.kind = kind;
    if (fake.stockKinds?.includes(kind) && Math.floor(n / lists.length) % STOCK_EVERY === 0) job.system = true;
    fake.seed?.(job, n);
    jobs.push(job);
  }
  return jobs;
}

/** The jobs of one list, newest first, and what became of them. */
class JobList {
  private readonly jobs: HeldJob[];
  private readonly position = new Map<string, number>();
  private live?: HeldJob[];

  constructor(jobs: HeldJob[]) {
    this.jobs = jobs.sort((a, b) => b.createdAtMs - a.createdAtMs);
    for (const [index, job] of this.jobs.entries()) this.position.set(job.id, index);
  }

  /** The jobs still listed (cached until the next removal). */
  listed(isGone: (job: HeldJob) => boolean): HeldJob[] {
    this.live ??= this.jobs.filter((job) => !isGone(job));
    return this.live;
  }

  changed(): void {
    this.live = undefined;
  }

  /** Up to `limit` listed jobs after the one with id `after` (from the start without it). */
  after(after: string | undefined, limit: number, isGone: (job: HeldJob) => boolean): HeldJob[] {
    const page: HeldJob[] = [];
    let index = after === undefined ? 0 : (this.position.get(after) ?? this.jobs.length) + 1;
    for (; index < this.jobs.length && page.length < limit; index += 1) {
      const job = this.jobs[index] as HeldJob;
      if (!isGone(job)) page.push(job);
    }
    return page;
  }
}

const listKey = (vendor: string, kind: string, upstream?: string) => `${vendor}/${kind}/${upstream ?? ''}`;

/** The held jobs, by list and by id: what the fakes read and change (see Held). */
export class Inventory implements Held {
  private readonly lists = new Map<string, JobList>();
  private readonly byId = new Map<string, HeldJob>();
  /** Jobs no longer listed: deleted (a soft delete keeps the job listed, as deleted). */
  private readonly removed = new Set<HeldJob>();
  private readonly softDeleted = new Set<HeldJob>();

  constructor(jobs: readonly HeldJob[]) {
    const grouped = new Map<string, HeldJob[]>();
    for (const seeded of jobs) {
      const job = { ...seeded, kind: seeded.kind ?? defaultKind(seeded.provider as Vendor) };
      const list = listKey(job.provider, job.kind, job.upstream);
      const group = grouped.get(list);
      if (group) group.push(job);
      else grouped.set(list, [job]);
      this.byId.set(listKey(job.provider, job.kind, job.id), job);
      if (job.softDeleted) this.softDeleted.add(job);
    }
    for (const [key, group] of grouped) this.lists.set(key, new JobList(group));
  }

  find(vendor: string, kind: string, id: string): HeldJob | undefined {
    return this.byId.get(listKey(vendor, kind, id));
  }

  isSoftDeleted(job: HeldJob): boolean {
    return this.softDeleted.has(job);
  }

  isRemoved(job: HeldJob): boolean {
    return this.removed.has(job);
  }

  delete(job: HeldJob, soft: boolean): void {
    if (soft) {
      this.softDeleted.add(job);
      return;
    }
    this.removed.add(job);
    this.lists.get(listKey(job.provider, job.kind ?? '', job.upstream))?.changed();
  }

  listed(vendor: string, kind: string, upstream?: string): readonly HeldJob[] {
    return this.lists.get(listKey(vendor, kind, upstream))?.listed((job) => this.removed.has(job)) ?? [];
  }

  cursorPage(vendor: string, kind: string, upstream: string | undefined, after: string | undefined, limit: number) {
    return this.lists.get(listKey(vendor, kind, upstream))?.after(after, limit, (job) => this.removed.has(job)) ?? [];
  }
}
