import type { Provider } from './errors.js';

/** Names one resource at one vendor: a job, or another of its kinds (a Tavus replica...). */
export interface JobRef {
  provider: Provider;
  id: string;
  /** One of the vendor's kinds (see its module); without it, the vendor's first (a video for every vendor today). */
  kind?: string;
}

/** The five states every vendor's status words map to. */
export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'deleted';

/** A job as every vendor reports it, with the vendor's own answer in `raw`. */
export interface Job {
  provider: Provider;
  id: string;
  /** Its kind at the vendor (`video`, `image`, `replica`...). */
  kind: string;
  status: JobStatus;
  /** 0 to 100, when the vendor reports it. */
  progress?: number;
  /** Result URLs (empty until the job has succeeded). */
  urls: string[];
  /** The vendor's failure message, when the job failed. */
  error?: string;
  /** When the job was created, when the vendor says (Tavus: only on a single job's read, not in its list). */
  createdAt?: Date;
  raw: unknown;
}

/** Every JobStatus, for checking input (e.g. a status filter). */
export const JOB_STATUSES: readonly JobStatus[] = ['queued', 'running', 'succeeded', 'failed', 'deleted'];

/** Statuses a job does not leave; `wait` stops on them. */
export const TERMINAL_STATUSES: ReadonlySet<JobStatus> = new Set(['succeeded', 'failed', 'deleted']);

/** Which page of a vendor's job list to read. */
export interface ListPageRequest {
  /** Where to start: undefined for the first page, else the `next` of the page before. */
  cursor?: string;
  /** The kind's own list options (see KindDefinition.listOptions), checked by the facade. */
  options: Readonly<Record<string, unknown>>;
  /**
   * The list's date filter, for a kind whose endpoint can filter on the server (a log store's time
   * range): a hint only, since the facade filters every job again.
   */
  createdBefore?: Date;
  createdAfter?: Date;
  signal?: AbortSignal;
}

/** One page of a vendor's job list. */
export interface ListPage {
  jobs: Job[];
  /** The cursor of the next page; undefined when this was the last. */
  next?: string;
}
