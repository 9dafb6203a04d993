// Retrying one call: attempts with their own time limits, under the vendor's rate limiter, by the
// retry policy (retry-policy.ts).
import {
  AbortError,
  abortableSleep,
  DEFAULT_TIMEOUT_MS,
  type MediaJobsError,
  type Provider,
  RateLimitError,
  timedSignal,
  toMediaJobsError,
} from '@mediajobs/core';
import type { RateLimiter } from './rate.js';
import {
  type Backoff,
  DEFAULT_MAX_REQUEUE_MS,
  DEFAULT_MAX_REQUEUES,
  DEFAULT_MAX_RETRIES,
  isRequeue,
  isThrottling,
  retryWaitMs,
  shouldRetry,
} from './retry-policy.js';

export interface RetryOptions {
  provider: Provider;
  /** Retries after the first attempt (default 2). */
  maxRetries?: number;
  /**
   * Time limit of one attempt, in milliseconds, from sending to the end of reading the answer
   * (default DEFAULT_TIMEOUT_MS, 60 s; `Infinity` for none).
   */
  timeoutMs?: number;
  /** Aborts the whole call; nothing is retried after it fires. */
  signal?: AbortSignal;
  /** The wait before the first retry (default 500 ms) and the most any wait grows to (default 8 s). */
  backoff?: Backoff;
  /**
   * The vendor's rate limiter: every attempt waits for its turn (before its timeout starts), and a
   * throttled attempt is re-queued (tried again without counting against `maxRetries`) while the
   * vendor keeps accepting other calls, up to `maxRequeues` times and `maxRequeueMs` after the first.
   */
  limiter?: RateLimiter;
  /** Re-queues of one throttled call before it fails with a RateLimitError (default DEFAULT_MAX_REQUEUES, 20). */
  maxRequeues?: number;
  /**
   * Time after a call's first attempt past which it is no longer re-queued, in milliseconds (default
   * DEFAULT_MAX_REQUEUE_MS, 5 minutes).
   */
  maxRequeueMs?: number;
  /** Replaceable in tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

/**
 * Runs `attempt` until it succeeds, fails for good, or runs out of retries. Each attempt gets its
 * own signal, which fires on the caller's abort or on the attempt's timeout. Any failure becomes a
 * MediaJobsError: an abort is an AbortError (never retried), a timeout a TimeoutError, anything
 * thrown by fetch a ConnectionError. What is retried, what counts against `maxRetries` and how long
 * to wait is the retry policy's (retry-policy.ts): the error's `retryable` decides; the wait is the
 * vendor's Retry-After when it gave one (up to 60 s), else exponential backoff with jitter.
 */
export async function withRetries<T>(
  /** One attempt; its signal is undefined when there is neither a caller's signal nor a timeout. */
  attempt: (signal: AbortSignal | undefined, attemptNumber: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const { provider, maxRetries = DEFAULT_MAX_RETRIES, timeoutMs = DEFAULT_TIMEOUT_MS, signal, limiter } = options;
  const { maxRequeues = DEFAULT_MAX_REQUEUES, maxRequeueMs = DEFAULT_MAX_REQUEUE_MS } = options;
  const sleep = options.sleep ?? abortableSleep;
  const firstTriedAt = limiter?.time();
  let retries = 0; // the retries that count against maxRetries
  let requeues = 0; // the free retries of a call throttled while the vendor accepted others
  let throttled = 0;
  for (let attemptNumber = 0; ; attemptNumber += 1) {
    throwIfAborted(provider, signal);
    await limiter?.acquire(signal).catch((reason: unknown) => {
      throw new AbortError(`${provider}: aborted while waiting for its turn under the rate limit`, {
        provider,
        cause: reason,
      });
    });
    const linked = timedSignal(signal, timeoutMs);
    let error: MediaJobsError;
    try {
      return await attempt(linked.signal, attemptNumber);
    } catch (thrown) {
      error = toMediaJobsError(provider, thrown, { signal, timedOut: linked.timedOut(), timeoutMs });
    } finally {
      linked.dispose();
    }
    if (!shouldRetry(error, signal)) throw error;
    if (isThrottling(error)) throttled += 1;
    // Throttled while the vendor accepts other calls: re-queued behind them, not counted, within bounds.
    const requeued = isRequeue(error, limiter, firstTriedAt);
    if (requeued) {
      const elapsedMs = (limiter as RateLimiter).time() - (firstTriedAt as number);
      if (requeues >= maxRequeues || elapsedMs >= maxRequeueMs) throw throttledAlone(error, throttled, elapsedMs);
      requeues += 1;
    } else {
      if (retries >= maxRetries) throw limiter && isThrottling(error) ? acceptedNothing(error) : error;
      retries += 1;
    }
    const wait = retryWaitMs(error, requeued, retries - 1, options);
    if (wait > 0) {
      await sleep(wait, signal).catch(() => {
        throw new AbortError(`${provider}: aborted while waiting to retry`, { provider, cause: error });
      });
    }
  }
}

/** The throttling error, saying that the vendor kept throttling this call while it accepted others. */
function throttledAlone(error: MediaJobsError, times: number, elapsedMs: number): MediaJobsError {
  return new RateLimitError(
    `${error.message} (throttled ${times} times over ${(elapsedMs / 1000).toFixed(1)} s while the vendor accepted other calls: something limits this call alone; retry it later, or raise maxRequeues and maxRequeueMs if the vendor is only busy)`,
    { provider: error.provider, status: error.status, code: error.code, requestId: error.requestId, cause: error },
  );
}

/** The throttling error, saying that the vendor accepted no call since this one was first tried. */
function acceptedNothing(error: MediaJobsError): MediaJobsError {
  return new RateLimitError(
    `${error.message} (the vendor accepted no call since this one was first tried: slow down, or raise its limit)`,
    { provider: error.provider, status: error.status, code: error.code, requestId: error.requestId, cause: error },
  );
}

function throwIfAborted(provider: Provider, signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortError(`${provider}: aborted by the caller`, { provider });
}
