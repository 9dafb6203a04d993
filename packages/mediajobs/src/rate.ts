import { type FetchLike, InvalidRequestError } from '@mediajobs/core';

// One vendor's request rate, as seen by one client. Two modes, which combine: a fixed ceiling the user
// knows from the vendor's quota (never exceeded), and an adaptive rate found from what the vendor
// answers: unlimited until the vendor first throttles, then cut, grown back while calls succeed, and
// probed beyond. Several clients sharing one vendor limit each cut when throttled and grow while not,
// so they converge on shares of it without talking (as TCP flows do).
//
// Based on the AWS SDKs' adaptive retry mode (CUBIC: cut to 70% on throttling, grow back along a
// curve that flattens where the cut happened, then probe beyond), changed for bulk work: the curve
// flattens at the rate the vendor *accepted* rather than the rate sent (which was over the limit; a
// bulk run's first burst is far over it), it is back there in 1.5 s whatever the rate, and the probe
// beyond adds the same amount for every client, so that clients cut in proportion to their rates
// drift towards equal shares. BENCHMARKS.md ("Rate governance") has the figures.

export interface RateLimiterOptions {
  /** A fixed ceiling in requests per second: a paced queue, never exceeded, retries included. */
  maxRequestsPerSecond?: number;
  /** Adapt to the vendor's throttling (default true). */
  adaptive?: boolean;
}

/** What a limiter tells about itself (for progress reports). */
export interface RateState {
  /** The rate requests are sent at now, per second; undefined while unlimited. */
  requestsPerSecond?: number;
  /** Whether the vendor throttled a call in the last few seconds. */
  throttled: boolean;
}

/** Below this the rate is not cut further: one call every two seconds still learns the limit. */
const MIN_RATE = 0.5;
/** A cut keeps this share of the rate it was sending at. */
const CUT = 0.7;
/** After a cut, throttling answers to calls already sent do not cut again for this long. */
const CUT_COOLDOWN_MS = 1_000;
/** Seconds from a cut back to the rate the vendor accepted at the cut. */
const RECOVERY_SECONDS = 1.5;
/** Beyond it, the probe's steepness in requests per second, per second cubed. */
const PROBE = 0.5;
/** The window over which the accepted rate is measured. */
const WINDOW_MS = 1_000;
/** How long "throttled" stays true after a throttling answer. */
const THROTTLED_FOR_MS = 3_000;

interface Waiter {
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

export class RateLimiter {
  private readonly ceiling?: number;
  private readonly adaptive: boolean;
  /** The adaptive rate; undefined until the vendor first throttles. */
  private rate?: number;
  /** The rate at the last cut: where the cubic flattens before probing beyond. */
  private rateAtCut = 0;
  private lastCutAt = Number.NEGATIVE_INFINITY;
  private lastThrottleAt = Number.NEGATIVE_INFINITY;
  private lastAcceptedAt = Number.NEGATIVE_INFINITY;
  private pausedUntil = 0;
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private readonly accepted: number[] = [];
  private firstAnswerAt?: number;
  private readonly queue: Waiter[] = [];
  private timer?: ReturnType<typeof setTimeout>;

  constructor(options: RateLimiterOptions = {}) {
    const { maxRequestsPerSecond } = options;
    if (maxRequestsPerSecond !== undefined && !(maxRequestsPerSecond > 0)) {
      throw new InvalidRequestError(`maxRequestsPerSecond must be a number above 0, got ${maxRequestsPerSecond}`);
    }
    this.ceiling = maxRequestsPerSecond;
    this.adaptive = options.adaptive ?? true;
  }

  /** The rate requests may be sent at now, per second; undefined while unlimited. */
  get requestsPerSecond(): number | undefined {
    const rates = [this.rate, this.ceiling].filter((rate): rate is number => rate !== undefined);
    return rates.length === 0 ? undefined : Math.min(...rates);
  }

  state(): RateState {
    const rate = this.requestsPerSecond;
    return {
      requestsPerSecond: rate === undefined ? undefined : Math.round(rate * 10) / 10,
      throttled: this.now() - this.lastThrottleAt < THROTTLED_FOR_MS,
    };
  }

  /** Milliseconds on a monotonic clock (tests fake `performance`). */
  private now(): number {
    return performance.now();
  }

  /** Whether the vendor accepted any call (answered other than throttling) since `time`. */
  acceptedSince(time: number): boolean {
    return this.lastAcceptedAt >= time;
  }

  /** The limiter's clock, for `acceptedSince`. */
  time(): number {
    return this.now();
  }

  /**
   * Resolves when a request may be sent: at once while the rate is unlimited, else in turn, paced at
   * the current rate. Rejects with the signal's reason as soon as it fires.
   */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.queue.length === 0 && this.slotDelay() <= 0) {
      this.take();
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          const index = this.queue.indexOf(waiter);
          if (index >= 0) this.queue.splice(index, 1);
          reject(signal.reason);
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      this.pump();
    });
  }

  /**
   * What the vendor answered: a 429 (or a 503 with Retry-After) is throttling; any other answer is an
   * accepted call. `x-ratelimit-remaining: 0` with `x-ratelimit-reset` pauses sending until the reset.
   */
  onAnswer(status: number, headers?: Headers): void {
    const now = this.now();
    this.firstAnswerAt ??= now;
    const throttled = status === 429 || (status === 503 && headers?.has('retry-after'));
    if (throttled) this.onThrottle(now);
    else this.onAccepted(now);
    const resetMs = headers && rateLimitResetMs(headers);
    if (resetMs !== undefined) {
      this.pausedUntil = Math.max(this.pausedUntil, now + resetMs);
      this.pump();
    }
  }

  private onThrottle(now: number): void {
    this.lastThrottleAt = now;
    if (!this.adaptive || now - this.lastCutAt < CUT_COOLDOWN_MS) return;
    // The curve flattens at the rate the vendor accepted, not the rate sent: the rate sent was
    // already too much, and flattening there would keep the run just over the limit. A vendor that
    // has accepted nothing is left to the retries (which then count); one that stopped accepting
    // is cut from the rate sent.
    const accepted = this.acceptedRate(now);
    if (this.rate === undefined && accepted === 0) return;
    this.rateAtCut = accepted === 0 ? (this.rate as number) : Math.min(this.rate ?? accepted, accepted);
    this.rate = Math.max(MIN_RATE, this.rateAtCut * CUT);
    this.lastCutAt = now;
  }

  private onAccepted(now: number): void {
    this.lastAcceptedAt = now;
    this.accepted.push(now);
    while ((this.accepted[0] ?? now) < now - WINDOW_MS) this.accepted.shift();
    if (this.rate === undefined) return;
    // Back to the rate at the cut along a curve that flattens there (after RECOVERY_SECONDS), then
    // beyond it by the same amount for every client whatever its rate: cuts are in proportion to
    // the rate and growth is not, so clients sharing a limit drift towards equal shares.
    const seconds = (now - this.lastCutAt) / 1000;
    const rate =
      seconds < RECOVERY_SECONDS
        ? this.rateAtCut * (1 - (1 - CUT) * ((RECOVERY_SECONDS - seconds) / RECOVERY_SECONDS) ** 3)
        : this.rateAtCut + PROBE * (seconds - RECOVERY_SECONDS) ** 3;
    this.rate = Math.max(MIN_RATE, rate);
  }

  /** Accepted answers per second over the last window (or since the first answer, if sooner). */
  private acceptedRate(now: number): number {
    while ((this.accepted[0] ?? now) < now - WINDOW_MS) this.accepted.shift();
    const span = Math.max(250, Math.min(WINDOW_MS, now - (this.firstAnswerAt ?? now)));
    return (this.accepted.length * 1000) / span;
  }

  /** Milliseconds until the next request may go. */
  private slotDelay(): number {
    const now = this.now();
    const rate = this.requestsPerSecond;
    const paced = rate === undefined ? now : this.lastSentAt + 1000 / rate;
    return Math.max(paced, this.pausedUntil) - now;
  }

  private take(): void {
    const now = this.now();
    const rate = this.requestsPerSecond;
    // Slots follow each other at the rate (a slot a timer fired late for is still used); after an
    // idle spell they restart from now, so that no burst is saved up.
    const next = rate === undefined ? now : this.lastSentAt + 1000 / rate;
    this.lastSentAt = rate !== undefined && next >= now - 1000 / rate ? next : now;
  }

  private pump(): void {
    if (this.timer !== undefined) return;
    while (this.queue.length > 0) {
      const delay = this.slotDelay();
      if (delay > 0) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, delay);
        return;
      }
      const waiter = this.queue.shift() as Waiter;
      if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
      this.take();
      waiter.resolve();
    }
  }
}

/**
 * How long a vendor's rate-limit headers say to wait: `x-ratelimit-reset` (seconds from now, or a
 * Unix time in seconds) when `x-ratelimit-remaining` is 0. Undefined otherwise.
 */
export function rateLimitResetMs(headers: Headers, nowMs: number = Date.now()): number | undefined {
  if (headers.get('x-ratelimit-remaining')?.trim() !== '0') return undefined;
  const reset = Number.parseFloat(headers.get('x-ratelimit-reset') ?? '');
  if (!Number.isFinite(reset) || reset < 0) return undefined;
  // Values this large are Unix times: a delta in seconds is never years long.
  const ms = reset > 1e9 ? reset * 1000 - nowMs : reset * 1000;
  return Math.max(0, Math.min(ms, 60_000));
}

/** A fetch that tells `limiter` about every answer it gets (status and headers). */
export function observedFetch(limiter: RateLimiter, fetch?: FetchLike): FetchLike {
  return async (input, init) => {
    const response = await (fetch ?? globalThis.fetch)(input, init);
    limiter.onAnswer(response.status, response.headers);
    return response;
  };
}
