import { AbortError, InvalidRequestError, type MediaJobsError, type Provider, RateLimitError } from './errors.js';
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
import { toMediaJobsError } from './to-error.js';

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
 * Time limit of one attempt (or one call of a vendor client) when `timeoutMs` is not given. Without
 * one, a vendor that sends its answer a byte at a time holds a call for ever; a job answer takes well
 * under a second, and a minute leaves room for a slow vendor or a slow link.
 */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** The longest delay setTimeout takes (about 24.8 days); a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

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

/**
 * How long a vendor asked us to wait: `retry-after-ms`, else `Retry-After` in seconds or as an HTTP
 * date. Undefined when absent, unparseable or negative.
 */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  // A number is seconds, and a negative one is invalid (Date.parse would read "-3" as a year).
  if (/^[+-]?\d+(\.\d+)?$/.test(value)) {
    const seconds = Number.parseFloat(value);
    return seconds >= 0 ? seconds * 1000 : undefined;
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function throwIfAborted(provider: Provider, signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortError(`${provider}: aborted by the caller`, { provider });
}

/** A signal that fires on the caller's abort or after a time limit, and the means to stop both. */
export interface TimedSignal {
  /** Undefined when there is neither a caller's signal nor a time limit. */
  signal: AbortSignal | undefined;
  /** Whether it fired because the time ran out. */
  timedOut(): boolean;
  /** Removes its listener from the caller's signal and stops its timer; call it when the work ends. */
  dispose(): void;
}

/**
 * The signal of one attempt: it fires on the caller's abort or after `timeoutMs` (`Infinity`, or
 * undefined, for no limit); none when neither is given (creating signals is a measurable cost per
 * call). Its listener on the caller's signal is removed by `dispose`: fetch keeps its own listener
 * on the signal it gets until garbage collection, so a long-lived signal (one for a whole bulk run)
 * is never handed to fetch directly.
 */
export function timedSignal(signal: AbortSignal | undefined, timeoutMs: number | undefined): TimedSignal {
  const limited = timeoutMs !== undefined && timeoutMs <= MAX_TIMER_MS;
  if (signal === undefined && !limited) {
    return { signal: undefined, timedOut: () => false, dispose() {} };
  }
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  const timer = limited
    ? setTimeout(() => {
        timedOut = true;
        controller.abort(new DOMException(`no complete answer within ${timeoutMs} ms`, 'TimeoutError'));
      }, timeoutMs)
    : undefined;
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose() {
      signal?.removeEventListener('abort', onAbort);
      clearTimeout(timer);
    },
  };
}

/** Fails unless `timeoutMs` is a number of milliseconds above 0 (`Infinity` for no limit), or undefined. */
export function checkTimeoutMs(where: string, timeoutMs: unknown): void {
  if (timeoutMs === undefined || (typeof timeoutMs === 'number' && timeoutMs > 0)) return;
  throw new InvalidRequestError(
    `${where}: timeoutMs must be a number of milliseconds above 0 (Infinity for no limit), got ${typeof timeoutMs === 'number' ? timeoutMs : typeof timeoutMs}`,
  );
}

/** Waits `ms`, or rejects as soon as `signal` fires. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
