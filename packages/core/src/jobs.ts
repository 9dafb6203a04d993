import type { Provider } from './errors.js';

/** TensorsLab keeps video and image tasks apart; the other vendors have one kind of job. */
export type JobKind = 'video' | 'image';

/** Names one job at one vendor. `kind` matters only for TensorsLab (default 'video'). */
export interface JobRef {
  provider: Provider;
  id: string;
  kind?: JobKind;
}

/** The five states every vendor's status words map to. */
export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'deleted';

/** A job as every vendor reports it, with the vendor's own answer in `raw`. */
export interface Job {
  provider: Provider;
  id: string;
  kind?: JobKind;
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

export interface AdapterCallOptions {
  kind?: JobKind;
  /** Tavus: delete the video's assets too, irrevocably. */
  hard?: boolean;
  signal?: AbortSignal;
}

/**
 * What a vendor package provides to the mediajobs facade: one HTTP call per method, every failure
 * thrown as a MediaJobsError. Retries, timeouts and bulk scheduling are the facade's.
 */
export interface JobAdapter {
  readonly provider: Provider;
  /** How many ids one `deleteBatch` call takes; 1 for vendors that delete one job per call. */
  readonly batchSize: number;
  /** Deletes one job. */
  delete(id: string, options: AdapterCallOptions): Promise<void>;
  /**
   * Vendors with a batch endpoint (TensorsLab) only: deletes up to `batchSize` ids of one kind in
   * one call. One answer covers them all: it resolves when all are deleted, else throws for all.
   */
  deleteBatch?(ids: readonly string[], options: AdapterCallOptions): Promise<void>;
  /** Reads one job's status. */
  get(id: string, options: AdapterCallOptions): Promise<Job>;
  /** Vendors with a list endpoint only: one page of the account's jobs. */
  listPage?(request: ListPageRequest): Promise<ListPage>;
}

/** Which page of a vendor's job list to read. */
export interface ListPageRequest {
  /** Where to start: undefined for the first page, else the `next` of the page before. */
  cursor?: string;
  /** Bifrost: the upstream provider whose jobs to list (e.g. `openai`). */
  upstream?: string;
  signal?: AbortSignal;
}

/** One page of a vendor's job list. */
export interface ListPage {
  jobs: Job[];
  /** The cursor of the next page; undefined when this was the last. */
  next?: string;
}
