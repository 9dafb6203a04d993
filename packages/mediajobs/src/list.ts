// Listing a vendor's jobs: page by page, every job once, filtered by status and creation time.
import {
  AbortError,
  type Job as AnyJob,
  InvalidRequestError,
  JOB_STATUSES,
  type JobStatus,
  type KindInfo,
  type KindOperations,
  type ListPage,
  MAX_JOBS_EXCEEDED,
  MediaJobsError,
  ServerError,
  UnsupportedOperationError,
} from '@mediajobs/core';
import { kindOptions } from './refs.js';
import { type Job, kindOf, LISTABLE_PROVIDERS, type Provider, type Vendor, vendorOf } from './vendors.js';

export interface ListOptions {
  /** The vendor whose resources to list (`mediajobs kinds` says which kinds can). */
  provider: Provider;
  /** Which of its kinds (default: its first, a video at every vendor today). */
  kind?: string;
  /**
   * Required by the kinds that list per upstream provider (a Bifrost gateway's videos): the gateway's
   * upstream provider whose jobs to list (e.g. `openai`). Refused by the kinds without it.
   */
  upstream?: string;
  /**
   * The kind's other list options, by the names `mediajobs kinds` gives them (e.g. a Tavus document's
   * `tags`, a memory store's `participantTag`): one the kind does not take is refused before any request.
   */
  kindOptions?: Readonly<Record<string, string | number | boolean>>;
  /** Only jobs created strictly before this time. */
  createdBefore?: Date;
  /** Only jobs created strictly after this time. */
  createdAfter?: Date;
  /** Only jobs in this status (or these). */
  status?: JobStatus | JobStatus[];
  /**
   * Called for a job left out because its creation time could not be learned while a date filter
   * is set (it never matches one: a purge must not act on a guess).
   */
  onSkip?: (job: Job, reason: string) => void;
  /**
   * The most distinct jobs the vendor may list, filtered out or not (default DEFAULT_MAX_JOBS,
   * 1,000,000): the ids seen are kept to drop repeats, so a vendor that pages endlessly with new ids
   * would otherwise grow memory without end. Past it, the list throws a ServerError whose code is
   * MAX_JOBS_EXCEEDED (not retryable). Raise it if the account really holds more.
   */
  maxJobs?: number;
  signal?: AbortSignal;
}

export interface ListDeps {
  /** The kind's operations, bound to the client's connection to its vendor. */
  operations: (target: { vendor: Vendor; kind: KindInfo }) => KindOperations;
  /** Runs one page read with the client's retries and rate governance. */
  readPage: (read: (signal: AbortSignal | undefined) => Promise<ListPage>) => Promise<ListPage>;
  /** Reads one job (with retries), for a creation time the list did not give. */
  get: (job: AnyJob) => Promise<AnyJob>;
  /** Redacts what is yielded and thrown. */
  job: (job: AnyJob) => Job;
  error: (error: unknown) => unknown;
}

/** A job, or why it was left out. */
interface Dated {
  job: AnyJob;
  skipped?: string;
}

/** Creation times read at once per page, for vendors whose list items have none (Tavus). */
const TIME_READS_IN_FLIGHT = 8;

/** A vendor that ignores the page cursor repeats one page for ever; two pages with nothing new end the walk. */
const PAGES_WITHOUT_NEW_JOBS = 2;

/**
 * The most distinct jobs one list may see when `maxJobs` is not given: far more than an account
 * holds, and its ids take about 100 MB, which a machine running this can spare.
 */
export const DEFAULT_MAX_JOBS = 1_000_000;

/**
 * Walks a vendor's list, yielding each matching job once, in the vendor's order. Memory holds one
 * page and the ids seen (to drop the repeats that offset pages over a changing list produce).
 */
export async function* listJobs(options: ListOptions, deps: ListDeps): AsyncGenerator<Job> {
  const { vendor, kind, kindOptions: listOptions } = checkListOptions(options);
  const { provider } = vendor;
  const { createdBefore, createdAfter, onSkip, signal, maxJobs = DEFAULT_MAX_JOBS } = options;
  const statuses = options.status === undefined ? undefined : new Set([options.status].flat());
  const byDate = createdBefore !== undefined || createdAfter !== undefined;
  const listPage = deps.operations({ vendor, kind }).listPage;
  if (!listPage) throw unsupported(provider, kind);

  const seen = new Set<string>();
  let cursor: string | undefined;
  let pagesWithoutNew = 0;
  try {
    for (;;) {
      if (signal?.aborted) throw new AbortError(`${provider}: list aborted`, { provider });
      const page = await deps.readPage((attemptSignal) =>
        listPage({ cursor, options: listOptions, createdBefore, createdAfter, signal: attemptSignal }),
      );
      if (page.jobs.length === 0) return;
      const fresh = page.jobs.filter((job) => !seen.has(job.id));
      for (const job of fresh) seen.add(job.id);
      if (seen.size > maxJobs) throw endless(provider, maxJobs);
      pagesWithoutNew = fresh.length === 0 ? pagesWithoutNew + 1 : 0;
      if (pagesWithoutNew >= PAGES_WITHOUT_NEW_JOBS) return;

      const wanted = statuses ? fresh.filter((job) => statuses.has(job.status)) : fresh;
      const dated: Dated[] = byDate ? await withCreationTimes(wanted, deps.get) : wanted.map((job) => ({ job }));
      for (const { job, skipped } of dated) {
        if (skipped !== undefined) {
          onSkip?.(deps.job(job), skipped);
          continue;
        }
        // Without a creation time, a job matches no date filter (onSkip has been told why).
        const { createdAt } = job;
        if (createdBefore && !(createdAt && createdAt < createdBefore)) continue;
        if (createdAfter && !(createdAt && createdAt > createdAfter)) continue;
        yield deps.job(job);
      }
      if (page.next === undefined) return;
      cursor = page.next;
    }
  } catch (error) {
    throw deps.error(error);
  }
}

/** Each job with its creation time, read one by one where the list did not give it. */
async function withCreationTimes(jobs: AnyJob[], get: (job: AnyJob) => Promise<AnyJob>): Promise<Dated[]> {
  const results: Dated[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < jobs.length; index = next++) {
      const job = jobs[index] as AnyJob;
      results[index] = job.createdAt ? { job } : await readCreationTime(job, get);
    }
  };
  await Promise.all(Array.from({ length: Math.min(TIME_READS_IN_FLIGHT, jobs.length) }, worker));
  return results;
}

async function readCreationTime(job: AnyJob, get: (job: AnyJob) => Promise<AnyJob>): Promise<Dated> {
  try {
    const read = await get(job);
    if (read.createdAt) return { job: { ...job, createdAt: read.createdAt } };
    return { job, skipped: 'the vendor gave no creation time that can be read for sure' };
  } catch (error) {
    if (AbortError.isInstance(error)) throw error;
    const why = MediaJobsError.isInstance(error) ? `${error.name}: ${error.message}` : String(error);
    return { job, skipped: `its creation time could not be read (${why})` };
  }
}

/** The vendor and kind to list, and the kind's own options; anything amiss is refused before a request. */
function checkListOptions(options: ListOptions) {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidRequestError(`list needs options, e.g. { provider: '${LISTABLE_PROVIDERS[0]}' }`);
  }
  const { provider, createdBefore, createdAfter, status, maxJobs } = options;
  const vendor = vendorOf(provider);
  if (!vendor) {
    throw new InvalidRequestError(
      `unknown provider ${JSON.stringify(provider)}; list works with ${LISTABLE_PROVIDERS.join(', ')}`,
    );
  }
  const kind =
    typeof options.kind === 'string' || options.kind === undefined ? kindOf(vendor, options.kind) : undefined;
  if (!kind) {
    throw new InvalidRequestError(
      `${provider}: no kind ${JSON.stringify(options.kind)}; ${provider} has ${vendor.kinds.map((k) => `'${k.name}'`).join(' and ')}`,
      { provider },
    );
  }
  if (!kind.list) throw unsupported(provider, kind);
  const given = kindOptions(provider, kind, 'list', { upstream: options.upstream, ...options.kindOptions });
  for (const [name, date] of [
    ['createdBefore', createdBefore],
    ['createdAfter', createdAfter],
  ] as const) {
    if (date !== undefined && !(date instanceof Date && !Number.isNaN(date.getTime()))) {
      throw new InvalidRequestError(`${provider}: \`${name}\` must be a valid Date`, { provider });
    }
  }
  if (maxJobs !== undefined && !(Number.isInteger(maxJobs) && maxJobs > 0)) {
    const got = typeof maxJobs === 'number' ? maxJobs : typeof maxJobs;
    throw new InvalidRequestError(`${provider}: \`maxJobs\` must be a whole number above 0, got ${got}`, { provider });
  }
  for (const word of status === undefined ? [] : [status].flat()) {
    if (!JOB_STATUSES.includes(word)) {
      throw new InvalidRequestError(`unknown status ${JSON.stringify(word)}; use ${JOB_STATUSES.join(', ')}`, {
        provider,
      });
    }
  }
  return { vendor, kind, kindOptions: given };
}

function endless(provider: Provider, maxJobs: number): ServerError {
  return new ServerError(
    `${provider}: the vendor listed more than ${maxJobs} jobs without ending; it may be paging endlessly (new ids on every page). If the account really holds more, raise maxJobs`,
    { provider, code: MAX_JOBS_EXCEEDED, retryable: false },
  );
}

function unsupported(provider: Provider, kind: KindInfo): UnsupportedOperationError {
  const why = kind.cannotList ?? `this vendor cannot list its ${kind.name}s`;
  return new UnsupportedOperationError(`${provider}: ${why}`, { provider });
}
