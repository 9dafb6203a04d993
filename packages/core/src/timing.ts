// Time in every call: the default time limit, the signal that enforces it, the Retry-After a vendor
// sends, and a sleep that an abort cuts short. Retrying itself is the facade's (mediajobs/src/retry.ts).
import { InvalidRequestError } from './errors.js';

/**
 * Time limit of one attempt (or one call of a vendor client) when `timeoutMs` is not given. Without
 * one, a vendor that sends its answer a byte at a time holds a call for ever; a job answer takes well
 * under a second, and a minute leaves room for a slow vendor or a slow link.
 */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** The longest delay setTimeout takes (about 24.8 days); a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

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
