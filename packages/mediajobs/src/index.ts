export {
  AbortError,
  AuthenticationError,
  ConnectionError,
  createRedactor,
  InsufficientCreditsError,
  InvalidRequestError,
  type Job,
  type JobKind,
  type JobRef,
  type JobStatus,
  MediaJobsError,
  NotFoundError,
  PermissionDeniedError,
  type Provider,
  RateLimitError,
  type RateState,
  type Redactor,
  ServerError,
  TimeoutError,
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
  type MediaJobsOptions,
  type VendorOptions,
  type WaitOptions,
} from './client.js';
export { checkJobRef, PROVIDERS } from './refs.js';
