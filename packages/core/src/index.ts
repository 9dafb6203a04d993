export {
  type AdapterOptions,
  type AdapterTools,
  codeAndMessage,
  createAdapterTools,
  decodeText,
  isRecord,
  MAX_JSON_DEPTH,
  nestedDeeperThan,
  numberField,
  stringField,
  type TextResult,
  type VendorFailure,
} from './adapter.js';
export { type ApiKeySource, checkApiKey, findApiKey, MISSING_API_KEY, requireApiKey } from './api-key.js';
export {
  baseUrlVariable,
  checkBaseUrl,
  createVendorClient,
  type VendorDescription,
} from './client.js';
export { type CreatedResource, recordCreated } from './created.js';
export {
  AbortError,
  AuthenticationError,
  ConnectionError,
  errorClassForStatus,
  errorFromResponse,
  InsufficientCreditsError,
  InvalidRequestError,
  MAX_JOBS_EXCEEDED,
  MediaJobsError,
  type MediaJobsErrorOptions,
  NotFoundError,
  PermissionDeniedError,
  type Provider,
  RateLimitError,
  ServerError,
  TimeoutError,
  UnsupportedOperationError,
} from './errors.js';
export {
  type CredentialedFetchOptions,
  createCredentialedFetch,
  DEFAULT_MAX_RESPONSE_BYTES,
  type FetchLike,
  PlainRequest,
  secretHeaderValues,
} from './fetch.js';
export {
  JOB_STATUSES,
  type Job,
  type JobRef,
  type JobStatus,
  type ListPage,
  type ListPageRequest,
  TERMINAL_STATUSES,
} from './jobs.js';
export { checkOptionNames, type VendorClientOptions } from './options.js';
export { createPathSerializer, encodePathParam } from './path.js';
export { createRedactor, REDACTED, type Redactor } from './redact.js';
export { parseVendorTime } from './time.js';
export {
  abortableSleep,
  checkTimeoutMs,
  DEFAULT_TIMEOUT_MS,
  retryAfterMs,
  type TimedSignal,
  timedSignal,
} from './timing.js';
export { toMediaJobsError } from './to-error.js';
export {
  defineVendor,
  type KindCall,
  type KindCreate,
  type KindDefinition,
  type KindInfo,
  type KindOperations,
  type KindOption,
  type VendorModule,
  type VendorOwnOptions,
} from './vendor-module.js';
