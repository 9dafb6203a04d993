/** The vendors mediajobs speaks to; every error names the one it came from. */
export type Provider = 'tensorslab' | 'tavus' | 'bifrost' | 'a2e';

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
  /** Whether the same call may succeed if tried again. */
  retryable?: boolean;
  /** The vendor's request id, for support tickets. */
  requestId?: string;
  cause?: unknown;
}

/** Base class of every error mediajobs throws. It never carries an API key. */
export class MediaJobsError extends Error {
  readonly provider?: Provider;
  readonly status?: number;
  readonly code?: string | number;
  readonly retryable: boolean;
  readonly requestId?: string;

  constructor(message: string, options: MediaJobsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.provider = options.provider;
    this.status = options.status;
    this.code = options.code;
    this.retryable = options.retryable ?? false;
    this.requestId = options.requestId;
    Object.defineProperty(this, MEDIAJOBS_ERROR, { value: true });
  }

  /** True for any mediajobs error, from this copy of the package or another. */
  static isInstance(value: unknown): value is MediaJobsError {
    return typeof value === 'object' && value !== null && MEDIAJOBS_ERROR in value;
  }
}

/** The request is wrong and was not sent (or the vendor refused it as invalid): fix the input. */
export class InvalidRequestError extends MediaJobsError {}

/** No usable credentials: the key is missing, or the vendor refused it. */
export class AuthenticationError extends MediaJobsError {}

/** The request did not get an HTTP answer (network failure, or a redirect that cannot be followed safely). */
export class ConnectionError extends MediaJobsError {}
