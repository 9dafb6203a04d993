// Seeded job lists for the fault server: each listing vendor's jobs with their creation times, paged
// the way the vendor pages them (Tavus: offsets from 0 over the live list; Bifrost: cursors per
// upstream; A2E: pages from 1 over the live list).
import { seededRandom } from './random.js';
import type { Vendor } from './routes.js';

export type ListingVendor = 'tavus' | 'bifrost' | 'a2e';

/** One job the server holds from the start. */
export interface SeededJob {
  provider: ListingVendor;
  id: string;
  /** Creation time, in milliseconds since the epoch. */
  createdAtMs: number;
  /** Bifrost: the upstream provider the job belongs to (ids carry it as a `:provider` suffix). */
  upstream?: string;
  /** Tavus: already soft-deleted (listed with status `deleted`). */
  softDeleted?: boolean;
}

/** Upstreams whose list the gateway refuses as unsupported (as Bifrost's Runware adapter does). */
export const UNLISTABLE_UPSTREAMS: ReadonlySet<string> = new Set(['runware']);

const DAY_MS = 86_400_000;

/**
 * `count` jobs spread in turn over Tavus, Bifrost (upstream openai) and A2E, created at random times
 * from now back to `maxAgeDays` days, with one Tavus video in 20 already soft-deleted.
 */
export function seedJobs({
  count,
  now = Date.now(),
  maxAgeDays = 60,
  seed = 1,
  providers = ['tavus', 'bifrost', 'a2e'],
}: {
  count: number;
  now?: number;
  maxAgeDays?: number;
  seed?: number;
  providers?: readonly ListingVendor[];
}): SeededJob[] {
  const random = seededRandom(seed);
  const jobs: SeededJob[] = [];
  for (let n = 0; n < count; n += 1) {
    const provider = providers[n % providers.length] as ListingVendor;
    // Whole seconds: Bifrost reports unix seconds, Tavus an HTTP date; both lose the milliseconds.
    const createdAtMs = Math.floor((now - random() * maxAgeDays * DAY_MS) / 1000) * 1000;
    const job: SeededJob = { provider, id: `listed_${n}`, createdAtMs };
    if (provider === 'bifrost') {
      job.upstream = 'openai';
      job.id = `listed_${n}:openai`;
    }
    if (provider === 'tavus' && n % 20 === 2) job.softDeleted = true;
    jobs.push(job);
  }
  return jobs;
}

/** The jobs of one list (a vendor, or a Bifrost upstream), newest first, and what became of them. */
class JobList {
  private readonly jobs: SeededJob[];
  private readonly position = new Map<string, number>();
  private live?: SeededJob[];

  constructor(jobs: SeededJob[]) {
    this.jobs = jobs.sort((a, b) => b.createdAtMs - a.createdAtMs);
    for (const [index, job] of this.jobs.entries()) this.position.set(job.id, index);
  }

  /** The jobs still listed (cached until the next removal). */
  listed(isGone: (job: SeededJob) => boolean): SeededJob[] {
    this.live ??= this.jobs.filter((job) => !isGone(job));
    return this.live;
  }

  changed(): void {
    this.live = undefined;
  }

  /** Up to `limit` listed jobs after the one with id `after` (from the start without it). */
  after(after: string | undefined, limit: number, isGone: (job: SeededJob) => boolean): SeededJob[] {
    const page: SeededJob[] = [];
    let index = after === undefined ? 0 : (this.position.get(after) ?? this.jobs.length) + 1;
    for (; index < this.jobs.length && page.length < limit; index += 1) {
      const job = this.jobs[index] as SeededJob;
      if (!isGone(job)) page.push(job);
    }
    return page;
  }
}

/** The server's seeded jobs, by list and by id. */
export class Inventory {
  private readonly lists = new Map<string, JobList>();
  private readonly byId = new Map<string, SeededJob>();
  /** Jobs no longer listed: deleted (Tavus: hard-deleted; a soft delete keeps the video listed). */
  private readonly removed = new Set<SeededJob>();
  private readonly softDeleted = new Set<SeededJob>();

  constructor(jobs: readonly SeededJob[]) {
    const grouped = new Map<string, SeededJob[]>();
    for (const job of jobs) {
      const list = listKey(job.provider, job.upstream);
      const group = grouped.get(list);
      if (group) group.push(job);
      else grouped.set(list, [job]);
      this.byId.set(`${job.provider}/${job.id}`, job);
      if (job.softDeleted) this.softDeleted.add(job);
    }
    for (const [key, group] of grouped) this.lists.set(key, new JobList(group));
  }

  find(vendor: Vendor, id: string): SeededJob | undefined {
    return this.byId.get(`${vendor}/${id}`);
  }

  isSoftDeleted(job: SeededJob): boolean {
    return this.softDeleted.has(job);
  }

  isRemoved(job: SeededJob): boolean {
    return this.removed.has(job);
  }

  /** Records a delete: Tavus keeps a soft-deleted video listed; a hard delete, or any other vendor's, removes it. */
  delete(job: SeededJob, hard: boolean): void {
    if (job.provider === 'tavus' && !hard) {
      this.softDeleted.add(job);
      return;
    }
    this.removed.add(job);
    this.lists.get(listKey(job.provider, job.upstream))?.changed();
  }

  /** A page by offset: `page` numbered from `base`, `limit` per page, over the live list. */
  offsetPage(vendor: 'tavus' | 'a2e', page: number, limit: number, base: 0 | 1): SeededJob[] {
    const listed = this.lists.get(vendor)?.listed((job) => this.removed.has(job)) ?? [];
    const start = (page - base) * limit;
    return start < 0 ? [] : listed.slice(start, start + limit);
  }

  /** A Bifrost page: up to `limit` jobs of the upstream after the cursor. */
  cursorPage(upstream: string, after: string | undefined, limit: number): SeededJob[] {
    return this.lists.get(listKey('bifrost', upstream))?.after(after, limit, (job) => this.removed.has(job)) ?? [];
  }
}

function listKey(vendor: Vendor, upstream?: string): string {
  return vendor === 'bifrost' ? `bifrost/${upstream ?? ''}` : vendor;
}
