export {
  AbortError,
  AuthenticationError,
  ConnectionError,
  createRedactor,
  InsufficientCreditsError,
  InvalidRequestError,
  JOB_STATUSES,
  type Job,
  type JobKind,
  type JobRef,
  type JobStatus,
  MediaJobsError,
  MISSING_API_KEY,
  NotFoundError,
  PermissionDeniedError,
  type Provider,
  RateLimitError,
  type RateState,
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
  API_KEY_VARIABLES,
  createMediaJobs,
  type DeleteOptions,
  type DeleteResult,
  type GetOptions,
  type MediaJobs,
  type MediaJobsOptions,
  type VendorOptions,
  type WaitOptions,
} from './client.js';
export { LISTABLE_PROVIDERS, type ListableProvider, type ListOptions } from './list.js';
export { checkJobRef, PROVIDERS } from './refs.js';
