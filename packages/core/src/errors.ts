/**
 * A vendor's name, as its module declares it (`tavus`...); every error names the one it came from.
 * Core knows no vendor: the facade's registry narrows this to the vendors it has.
 */
export type Provider = string;

/**
 * Marks mediajobs errors so that they are recognised across two copies of the package in one app,
 * where `instanceof` fails (e.g. an ESM and a CJS copy, or two versions in node_modules).
 */
const MEDIAJOBS_ERROR = Symbol.for('mediajobs.error');

export interface MediaJobsErrorOptions {
  provider?: Provider;
  /** HTTP status of the vendor's answer, when there was one. */
  status?: number;
  /** The vendor's own error code, when it sent one. */
  code?: string | number;
  /** Whether the same call may succeed if tried again. Defaults to the class's own answer. */
  retryable?: boolean;
  /** The vendor's request id, for support tickets. */
  requestId?: string;
  /** How long the vendor asked us to wait before trying again (Retry-After), in milliseconds. */
  retryAfterMs?: number;
  /** Whether the vendor may have acted on the call although it failed (see the field). */
  outcomeUnknown?: boolean;
  cause?: unknown;
}

/** Base class of every error mediajobs throws. It never carries an API key. */
export class MediaJobsError extends Error {
  readonly provider?: Provider;
  readonly status?: number;
  readonly code?: string | number;
  readonly retryable: boolean;
  readonly requestId?: string;
  readonly retryAfterMs?: number;
  /**
   * True when the vendor may have acted on the call although it failed: the request was sent and no
   * clear answer came back (a timeout, a dropped connection, a 5xx, an abort while in flight), or an
   * earlier attempt of the same delete got no clear answer. A deleted job may then be gone already.
   * Read this field, never the message, to tell.
   */
  declare readonly outcomeUnknown?: boolean;
  /** Whether errors of this class are worth retrying, unless told otherwise. */
  protected static readonly retryableByDefault: boolean = false;

  constructor(message: string, options: MediaJobsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    // Our classes name themselves (below): a minifier renames classes, and `error.name` is what users
    // and this library compare. A subclass of a user's own keeps its class name.
    this.name = new.target === MediaJobsError ? 'MediaJobsError' : new.target.name;
    this.provider = options.provider;
    this.status = options.status;
    this.code = options.code;
    this.retryable = options.retryable ?? (new.target as typeof MediaJobsError).retryableByDefault;
    this.requestId = options.requestId;
    this.retryAfterMs = options.retryAfterMs;
    if (options.outcomeUnknown !== undefined) this.outcomeUnknown = options.outcomeUnknown;
    Object.defineProperty(this, MEDIAJOBS_ERROR, { value: true });
  }

  /** True for any mediajobs error, from this copy of the package or another. */
  static isInstance(value: unknown): value is MediaJobsError {
    return typeof value === 'object' && value !== null && MEDIAJOBS_ERROR in value;
  }
}

/** The request is wrong (refused before sending, or HTTP 400/422): fix the input; retrying will not help. */
export class InvalidRequestError extends MediaJobsError {
  override name = 'InvalidRequestError';
  /** True for an InvalidRequestError (or a subclass's), from this copy of the package or another; never by `name`. */
  declare static isInstance: (value: unknown) => value is InvalidRequestError;
}

/** No usable credentials: the key is missing, unusable, or the vendor does not know it (HTTP 401). */
export class AuthenticationError extends MediaJobsError {
  override name = 'AuthenticationError';
  /** True for an AuthenticationError (or a subclass's), from this copy of the package or another; never by `name`. */
  declare static isInstance: (value: unknown) => value is AuthenticationError;
}

/**
 * The key is valid but not allowed this call (HTTP 403): a blocked key, model or provider. Another
 * key, or a change of the vendor's or gateway's settings, is needed; retrying will not help.
 */
export class PermissionDeniedError extends MediaJobsError {
  override name = 'PermissionDeniedError';
  /** True for a PermissionDeniedError (or a subclass's), from this copy of the package or another; never by `name`. */
  declare static isInstance: (value: unknown) => value is PermissionDeniedError;
}

/** The job does not exist, or no longer does (HTTP 404). */
export class NotFoundError extends MediaJobsError {
  override name = 'NotFoundError';
  /** True for a NotFoundError (or a subclass's), from this copy of the package or another; never by `name`. */
  declare static isInstance: (value: unknown) => value is NotFoundError;
}

/** The account has no credits or budget left for this call (HTTP 402; TensorsLab body code 9000). */
export class InsufficientCreditsError extends MediaJobsError {
  override name = 'InsufficientCreditsError';
  /** True for an InsufficientCreditsError (or a subclass's), from this copy of the package or another; never by `name`. */
  declare static isInstance: (value: unknown) => value is InsufficientCreditsError;
}

/** Too many requests (HTTP 429); retried after the vendor's Retry-After. */
export class RateLimitError extends MediaJobsError {
  override name = 'RateLimitError';
  /** True for a RateLimitError (or a subclass's), from this copy of the package or another; never by `name`. */
  declare static isInstance: (value: unknown) => value is RateLimitError;
  protected static override readonly retryableByDefault = true;
}

/**
 * The vendor failed: HTTP 5xx (retried), or an answer no valid one looks like (an unknown status
 * word, a body over `maxResponseBytes`, JSON that is not an object: not retried). An HTTP 200 whose
 * body carries the vendor's error code (TensorsLab, A2E) is a MediaJobsError with that code instead.
 */
export class ServerError extends MediaJobsError {
  override name = 'ServerError';
  /** True for a ServerError (or a subclass's), from this copy of the package or another; never by `name`. */
  declare static isInstance: (value: unknown) => value is ServerError;
  protected static override readonly retryableByDefault = true;
}

/** No usable HTTP answer: the network failed, the connection dropped, or the answer was cut off. */
export class ConnectionError extends MediaJobsError {
  override name = 'ConnectionError';
  /** True for a ConnectionError (or a subclass's), from this copy of the package or another; never by `name`. */
  declare static isInstance: (value: unknown) => value is ConnectionError;
  protected static override readonly retryableByDefault = true;
}

/** One attempt took longer than its timeout. */
export class TimeoutError extends MediaJobsError {
  override name = 'TimeoutError';
  /** True for a TimeoutError (or a subclass's), from this copy of the package or another; never by `name`. */
  declare static isInstance: (value: unknown) => value is TimeoutError;
  protected static override readonly retryableByDefault = true;
}

/** The caller aborted (its AbortSignal fired); never retried. */
export class AbortError extends MediaJobsError {
  override name = 'AbortError';
  /** True for an AbortError (or a subclass's), from this copy of the package or another; never by `name`. */
  declare static isInstance: (value: unknown) => value is AbortError;
}

/**
 * The vendor (or the gateway's upstream) cannot do this at all, e.g. list jobs at TensorsLab; never
 * retried. The message says what to do instead.
 */
export class UnsupportedOperationError extends MediaJobsError {
  override name = 'UnsupportedOperationError';
  /** True for an UnsupportedOperationError (or a subclass's), from this copy of the package or another; never by `name`. */
  declare static isInstance: (value: unknown) => value is UnsupportedOperationError;
}

/**
 * Each subclass's own marker, `Symbol.for('mediajobs.error.<class>')` on its prototype: instances of it
 * and of its subclasses hold it, from any copy of the package (a minifier renames classes, not these).
 * Its `isInstance` looks for it, never at `error.name`, and works detached (`errors.filter(...)`).
 */
for (const [ErrorClass, kind] of [
  [InvalidRequestError, 'InvalidRequestError'],
  [AuthenticationError, 'AuthenticationError'],
  [PermissionDeniedError, 'PermissionDeniedError'],
  [NotFoundError, 'NotFoundError'],
  [InsufficientCreditsError, 'InsufficientCreditsError'],
  [RateLimitError, 'RateLimitError'],
  [ServerError, 'ServerError'],
  [ConnectionError, 'ConnectionError'],
  [TimeoutError, 'TimeoutError'],
  [AbortError, 'AbortError'],
  [UnsupportedOperationError, 'UnsupportedOperationError'],
] as const) {
  const marker = Symbol.for(`mediajobs.error.${kind}`);
  Object.defineProperty(ErrorClass.prototype, marker, { value: true });
  Object.defineProperty(ErrorClass, 'isInstance', {
    value: (value: unknown) => typeof value === 'object' && value !== null && marker in value,
    writable: true,
    configurable: true,
  });
}

/**
 * The `code` of the ServerError that ends a job list whose vendor listed more than `maxJobs` distinct
 * jobs without ending (it may be paging endlessly). Not retryable.
 */
export const MAX_JOBS_EXCEEDED = 'max_jobs_exceeded';

/**
 * The taxonomy in one place: the error class for an HTTP status. 408 counts as a timeout, 429 as a
 * rate limit; any other 4xx not named is an invalid request, and any 5xx a server error.
 */
export function errorClassForStatus(status: number): typeof MediaJobsError {
  if (status === 401) return AuthenticationError;
  if (status === 402) return InsufficientCreditsError;
  if (status === 403) return PermissionDeniedError;
  if (status === 404) return NotFoundError;
  if (status === 408) return TimeoutError;
  if (status === 429) return RateLimitError;
  if (status >= 500) return ServerError;
  if (status >= 400) return InvalidRequestError;
  return MediaJobsError;
}

// Every vendor's key variable is <PROVIDER>_API_KEY (each VendorDescription's auth.envVar says so).
const keyIn = (provider: Provider) => `${provider.toUpperCase()}_API_KEY or the apiKey option`;

const ADVICE = new Map<typeof MediaJobsError, (provider: Provider) => string>([
  [AuthenticationError, (provider) => `check the API key in ${keyIn(provider)}`],
  [PermissionDeniedError, (provider) => `the key in ${keyIn(provider)} is valid but not allowed to do this`],
  [InsufficientCreditsError, () => 'add credits, or raise the budget'],
  [NotFoundError, () => 'check the id'],
  [RateLimitError, () => 'slow down, or retry later'],
  [ServerError, () => 'retry later'],
  [UnsupportedOperationError, () => 'this vendor or upstream cannot do it; retrying will not help'],
]);

/** Builds the error for a vendor's HTTP answer; the message names the provider, status and vendor message. */
export function errorFromResponse(
  provider: Provider,
  status: number,
  vendorMessage: string | undefined,
  options: Omit<MediaJobsErrorOptions, 'provider' | 'status'> = {},
  /** Overrides the class the status gives (the vendor's body said more). */
  ErrorClass: typeof MediaJobsError = errorClassForStatus(status),
): MediaJobsError {
  const advice = ADVICE.get(ErrorClass)?.(provider);
  const message = `${provider}: HTTP ${status}${vendorMessage ? `: ${vendorMessage}` : ''}${advice ? ` (${advice})` : ''}`;
  return new ErrorClass(message, { ...options, provider, status });
}
