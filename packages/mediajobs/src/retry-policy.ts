import { MediaJobsError, RateLimitError } from '@mediajobs/core';

/**
 * The retry policy in one place: which failed attempts are tried again, which of them count against
 * `maxRetries` (a throttled call re-queued behind others does not), how long to wait (the vendor's
 * Retry-After up to MAX_RETRY_AFTER_MS, else backoff with jitter), and whether the vendor may have
 * acted on a call that failed. `withRetries` and the facade's deletes decide by these functions alone.
 *
 * Which errors are retryable is the error's `retryable` field: each class's default (RateLimitError,
 * ServerError, ConnectionError and TimeoutError: yes; every other: no), unless the place that threw
 * it knew better (`retryable: false` for an answer no valid one looks like).
 */

/** The wait before the first retry (default 500 ms) and the most any wait grows to (default 8 s). */
export interface Backoff {
  initialMs?: number;
  maxMs?: number;
}

/** Retries after a failed attempt when `maxRetries` is not given. */
export const DEFAULT_MAX_RETRIES = 2;
/**
 * Re-queues of a throttled call when `maxRequeues` is not given. A vendor at its limit throttles calls
 * more or less at random, so a call may be throttled a few times in a row; 20 in a row while the vendor
 * accepts others is one chance in a million even if it throttles half the calls, and means that
 * something limits this call alone (per job, per key): re-queueing it for ever would never end.
 */
export const DEFAULT_MAX_REQUEUES = 20;
/**
 * How long after its first attempt a throttled call may still be re-queued when `maxRequeueMs` is not
 * given: five of the longest Retry-After honoured (MAX_RETRY_AFTER_MS), time for a per-minute quota
 * to come round several times in a bulk run at the vendor's limit.
 */
export const DEFAULT_MAX_REQUEUE_MS = 5 * 60_000;
/** Retry-After beyond this is not honoured: the call fails instead of hanging for minutes. */
export const MAX_RETRY_AFTER_MS = 60_000;
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;

/**
 * Whether a failed attempt is tried again: its error is retryable, the caller has not aborted, and
 * any Retry-After is within MAX_RETRY_AFTER_MS (past it, the call fails at once).
 */
export function shouldRetry(error: MediaJobsError, signal?: AbortSignal): boolean {
  if (!error.retryable || signal?.aborted) return false;
  return error.retryAfterMs === undefined || error.retryAfterMs <= MAX_RETRY_AFTER_MS;
}

/** A rate-limit answer: 429, or a 503 that says when to come back. */
export function isThrottling(error: MediaJobsError): boolean {
  return (error.status === 503 && error.retryAfterMs !== undefined) || RateLimitError.isInstance(error);
}

/**
 * Whether a retry of this failure is a re-queue, which does not count against `maxRetries`: the call
 * was throttled while the vendor kept accepting other calls since its first attempt (at `firstTriedAt`,
 * by the limiter's clock). Bounded by `maxRequeues` and `maxRequeueMs` in withRetries.
 */
export function isRequeue(
  error: MediaJobsError,
  limiter: { acceptedSince(time: number): boolean } | undefined,
  firstTriedAt: number | undefined,
): boolean {
  return (
    limiter !== undefined && firstTriedAt !== undefined && isThrottling(error) && limiter.acceptedSince(firstTriedAt)
  );
}

/**
 * The wait before the next attempt: the vendor's Retry-After when it gave one, else none for a
 * re-queue (the limiter paces it), else backoff for the `retryNumber`th retry (0 for the first).
 */
export function retryWaitMs(
  error: MediaJobsError,
  requeued: boolean,
  retryNumber: number,
  { random, backoff }: { random?: () => number; backoff?: Backoff } = {},
): number {
  return error.retryAfterMs ?? (requeued ? 0 : backoffMs(retryNumber, random, backoff));
}

/** `min(initial * 2^n, max)` (0.5 s and 8 s by default), times a jitter in [0.75, 1] so that many clients do not retry in step. */
export function backoffMs(retryNumber: number, random: () => number = Math.random, backoff: Backoff = {}): number {
  const { initialMs = BASE_DELAY_MS, maxMs = MAX_DELAY_MS } = backoff;
  return Math.min(initialMs * 2 ** retryNumber, maxMs) * (0.75 + 0.25 * random());
}

/**
 * Could the vendor have acted on a call that failed this way? Yes for anything that is not a mediajobs
 * error yet (what fetch threw) and for a retryable failure (no answer, a timeout, a 5xx); not after a
 * rate limit or a clear refusal. (An abort in flight, whose `outcomeUnknown` is true, ends the call.)
 */
export function mayHaveActed(error: unknown): boolean {
  return !MediaJobsError.isInstance(error) || (error.retryable && !RateLimitError.isInstance(error));
}
