export {
  AbortError,
  AuthenticationError,
  ConnectionError,
  createRedactor,
  DEFAULT_TIMEOUT_MS,
  InsufficientCreditsError,
  InvalidRequestError,
  JOB_STATUSES,
  type JobStatus,
  type KindInfo,
  type KindOption,
  MAX_JOBS_EXCEEDED,
  MAX_JSON_DEPTH,
  MediaJobsError,
  MISSING_API_KEY,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  type Redactor,
  ServerError,
  TimeoutError,
  UnsupportedOperationError,
} from '@mediajobs/core';
export {
  type BulkProgress,
  DEFAULT_CONCURRENCY,
  type DeleteEachOptions,
  type DeleteManyOptions,
  type DeleteOutcome,
} from './bulk.js';
export {
  createMediaJobs,
  type DeleteOptions,
  type DeleteResult,
  type GetOptions,
  type MediaJobs,
  type WaitOptions,
} from './client.js';
export { DEFAULT_MAX_JOBS, type ListOptions } from './list.js';
export type { MediaJobsOptions, VendorBlocks, VendorOptions } from './options.js';
export { erasePhases } from './phases.js';
export type { RateState } from './rate.js';
export { checkJobRef } from './refs.js';
export type { Backoff } from './retry-policy.js';
export {
  API_KEY_VARIABLES,
  type Job,
  type JobKind,
  type JobRef,
  type KindOf,
  kindOf,
  LISTABLE_PROVIDERS,
  type ListableProvider,
  PROVIDERS,
  type Provider,
  type Vendor,
  vendorOf,
  vendors,
} from './vendors.js';
