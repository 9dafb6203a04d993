import { type FetchLike, InvalidRequestError } from '@mediajobs/core';

// One vendor's request rate, as seen by one client. Three sources, which combine (the lowest wins): a
// fixed ceiling the user knows from the vendor's quota (never exceeded); the vendor's own rate-limit
// headers, when it sends them; and an adaptive rate found from what the vendor answers.
//
// Slow start: a vendor not measured yet gets a window of SLOW_START_WINDOW calls in flight that go
// unpaced (one caller, or a few at once, is never slowed); calls beyond it are paced from
// SLOW_START_RATE, and every call the vendor accepts raises that rate by SLOW_START_STEP requests/s, so
// it grows by e every third of a second while answers keep coming (30 to 1,000 requests/s in 1.2 s).
// This is TCP's slow start, mostly in rate rather than window: with a vendor 20 ms away, a window
// doubling per round trip is thousands of requests/s before the first refusal comes back. Paced, the
// opening never bursts: a token bucket of 100/s with a burst of 20 sees a few hundred ms above its
// rate, which its burst absorbs, before the first 429 ends slow start with a cut (about 4 calls refused
// in the first second, where the unpaced opening of 32 calls had most of a run's 30 or so; four
// processes starting together, about 14 between them, 19 with a window of 4 and a slower start). Past
// SLOW_START_EXIT the vendor is taken as unlimited (as before slow start) until it first throttles. A
// fixed ceiling is a measure: no slow start under one.
//
// Headers: `x-ratelimit-remaining` with `x-ratelimit-reset` (seconds, or a Unix time) pace the calls
// so that what remains, less this client's calls still unanswered, lasts until the reset, capped at
// twice the rate the vendor accepted lately (other clients may be spending the same allowance, unseen
// for a round trip); a vendor that sends them is not probed. For a token bucket whose reset is the time
// until it is full again, one client settles with the bucket about half full at its refill rate, and
// clients sharing it read the same headers and settle on equal shares. (`x-ratelimit-limit` alone
// gives no rate: its window is not said. `retry-after-ms` is read with Retry-After, by core.)
//
// Fair share without a coordinator: a cut is in proportion to the rate and the probe beyond the
// plateau adds the same for every client (as TCP flows share a link), and a 429 is equally likely
// for every call at a shared limit, so the client sending most is cut most often. It is slow to
// converge (the cubic grows each client back to its own plateau, so only the probe evens shares), and
// with few refusals allowed the shares wander: BENCHMARKS.md has the figures. Two things keep it from
// going wrong: a 429 to a call sent after a cut cuts again at once (observedFetch says when it was
// sent), so a client still over its share does not keep its rate for a cool-down; and a cut is never
// below CUT of the rate answered, so a client whose calls found the allowance spent by others (one
// that started later) is not cut to a sliver of the limit by its few accepted calls.
//
// Based on the AWS SDKs' adaptive retry mode (CUBIC: cut to 70% on throttling, grow back along a
// curve that flattens where the cut happened, then probe beyond), changed for bulk work: the curve
// flattens just below the rate the vendor *accepted* (PLATEAU of it) rather than at the rate sent
// (which was over the limit), it is there in 1 s whatever the rate, and the probe beyond adds the same
// amount for every client at the rates where clients share a limit (PROBE), and a share of the rate
// above them (PROBE_SHARE), so that a vendor allowing 1,000/s is found again in seconds too.
// The constants were chosen with bench/src/rate-sim.ts (the rate bench's scenarios, simulated, 40 to
// 100 seeded runs per setting, at limits of 100, 300 and 1,000 requests/s and none), 128 settings:
// every setting traded the 429s of processes sharing a limit against the speed of one process alone
// (slow start, and how far below the limit it waits), and these improved the four processes' rate
// without slowing one process at any limit. BENCHMARKS.md section 5 has the figures.

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
/**
 * After a cut, throttling answers do not cut again for this long, unless the call was sent after the
 * cut (observedFetch says when): then the new rate is still too high, and waiting would only earn more.
 */
const CUT_COOLDOWN_MS = 1_000;
/** Seconds from a cut to where the curve flattens. */
const RECOVERY_SECONDS = 1;
/** Where the curve flattens: this share of the rate the vendor accepted at the cut. */
const PLATEAU = 0.95;
/**
 * Beyond it, the probe's steepness in requests per second, per second cubed: 4 (it was 0.5, then 2)
 * so that a client left alone when others finish takes up their share soon (75 requests/s more 2.7 s
 * into the probe); or PROBE_SHARE of the plateau per second cubed where that is more (above 80/s).
 */
const PROBE = 4;
const PROBE_SHARE = 0.05;
/** The window over which the accepted rate is measured. */
const WINDOW_MS = 1_000;
/** How long "throttled" stays true after a throttling answer. */
const THROTTLED_FOR_MS = 3_000;
/** Slow start's first paced rate, requests per second, beyond its window. */
const SLOW_START_RATE = 30;
/** Requests per second that each call accepted in slow start adds: the rate grows by e every 1/3 s. */
const SLOW_START_STEP = 3;
/**
 * Calls in flight that slow start never paces: one caller, or a few at once, goes as fast as before.
 * Not more: four processes starting together with 4 each spent the burst allowance before any answer.
 */
const SLOW_START_WINDOW = 3;
/** Past this rate in slow start the vendor is taken as unlimited: pacing would cost more than it saves. */
const SLOW_START_EXIT = 1_000;

interface Waiter {
  resolve: () => void;
  /** Takes the waiter's listener off its caller's signal, once it is let through. */
  release?: () => void;
}

export class RateLimiter {
  private readonly ceiling?: number;
  private readonly adaptive: boolean;
  /** The adaptive rate; undefined while unlimited (after slow start, until the vendor throttles). */
  private rate?: number;
  /** Whether the vendor is not measured yet: `rate` is slow start's. */
  private slowStart: boolean;
  /** Calls let through whose answer has not come yet. */
  private unanswered = 0;
  /** The rate the vendor's rate-limit headers allow, from the last answer that had them, until their reset. */
  private headerRate?: number;
  private headerUntil = 0;
  /** After that reset, until the next such answer: twice the rate the vendor accepted lately. */
  private headerCap?: number;
  /** The rate at the last cut: where the cubic flattens before probing beyond. */
  private rateAtCut = 0;
  private lastCutAt = Number.NEGATIVE_INFINITY;
  private lastThrottleAt = Number.NEGATIVE_INFINITY;
  private lastAcceptedAt = Number.NEGATIVE_INFINITY;
  private pausedUntil = 0;
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private readonly accepted: number[] = [];
  /** When throttling answers came, over the last window (with `accepted`: the rate answered). */
  private readonly throttles: number[] = [];
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
    // A ceiling is the vendor's quota as the user knows it: measured, paced from the start.
    this.slowStart = this.adaptive && maxRequestsPerSecond === undefined;
    if (this.slowStart) this.rate = SLOW_START_RATE;
  }

  /** The rate requests may be sent at now, per second; undefined while unlimited. */
  get requestsPerSecond(): number | undefined {
    const header = this.now() < this.headerUntil ? this.headerRate : this.headerCap;
    const rates = [this.rate, this.ceiling, header].filter((rate): rate is number => rate !== undefined);
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
    if (this.queue.length === 0 && this.wait() <= 0) {
      this.take();
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve };
      if (signal) {
        const onAbort = () => {
          const index = this.queue.indexOf(waiter);
          if (index >= 0) this.queue.splice(index, 1);
          reject(signal.reason);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        waiter.release = () => signal.removeEventListener('abort', onAbort);
      }
      this.queue.push(waiter);
      this.pump();
    });
  }

  /**
   * What the vendor answered: a 429 (or a 503 with Retry-After) is throttling; any other answer is an
   * accepted call. `x-ratelimit-remaining` with `x-ratelimit-reset` paces the next calls (above); none
   * left with none of ours unanswered pauses sending until the reset.
   */
  onAnswer(status: number, headers?: Headers, sentAt?: number): void {
    const now = this.now();
    this.firstAnswerAt ??= now;
    this.unanswered = Math.max(0, this.unanswered - 1);
    const throttled = status === 429 || (status === 503 && headers?.has('retry-after'));
    if (throttled) this.onThrottle(now, sentAt);
    else this.onAccepted(now);
    const allowance = headers && rateLimitAllowance(headers);
    if (allowance) {
      // What remains less our calls the vendor has not counted yet, spread until the reset; but at
      // most twice the rate it accepted lately: other clients may be spending the same allowance, and
      // what they sent is not in these headers until a round trip later.
      const left = allowance.remaining - this.unanswered;
      const spread = left / Math.max(allowance.resetMs / 1000, 0.001);
      this.headerCap = Math.max(SLOW_START_RATE, 2 * this.acceptedRate(now));
      this.headerRate = Math.max(MIN_RATE, Math.min(spread, this.headerCap));
      this.headerUntil = now + allowance.resetMs;
      this.pausedUntil = left > 0 || this.unanswered > 0 ? 0 : this.headerUntil;
      if (this.slowStart) this.endSlowStart(undefined);
    }
    this.pump();
  }

  /** A call let through got no answer (the connection failed, or it was aborted). */
  onNoAnswer(): void {
    this.unanswered = Math.max(0, this.unanswered - 1);
  }

  private endSlowStart(rate: number | undefined): void {
    this.slowStart = false;
    this.rate = rate;
  }

  private onThrottle(now: number, sentAt: number | undefined): void {
    this.lastThrottleAt = now;
    this.record(this.throttles, now);
    const answersAnOldRate = sentAt === undefined ? now - this.lastCutAt < CUT_COOLDOWN_MS : sentAt < this.lastCutAt;
    if (!this.adaptive || answersAnOldRate) return;
    // The curve flattens at the rate the vendor accepted, not the rate sent: the rate sent was
    // already too much, and flattening there would keep the run just over the limit. But never below
    // CUT of the rate answered (accepted or not): a client whose calls found the allowance spent by
    // others (one that started a little later) has accepted little, and cutting it to that would
    // leave it a sliver of the limit for seconds. A vendor that has accepted nothing is left to the
    // retries (which then count; slow start goes on); one that stopped accepting is cut from the
    // rate sent.
    const accepted = this.acceptedRate(now);
    if (this.slowStart && accepted === 0) return;
    this.slowStart = false;
    if (this.rate === undefined && accepted === 0) return;
    this.rateAtCut =
      accepted === 0
        ? (this.rate as number)
        : Math.max(Math.min(this.rate ?? accepted, accepted), CUT * this.answeredRate(now));
    this.rate = Math.max(MIN_RATE, this.rateAtCut * CUT);
    this.lastCutAt = now;
  }

  private onAccepted(now: number): void {
    this.lastAcceptedAt = now;
    this.record(this.accepted, now);
    if (this.slowStart) {
      const rate = (this.rate as number) + SLOW_START_STEP;
      if (rate > SLOW_START_EXIT) this.endSlowStart(undefined);
      else this.rate = rate;
      return;
    }
    if (this.rate === undefined) return;
    // Up to PLATEAU of the rate at the cut along a curve that flattens there (after RECOVERY_SECONDS),
    // then beyond it by the same amount for every client below 80/s: cuts are in proportion to the
    // rate and growth is not, so clients sharing a limit drift towards equal shares. Above, the probe
    // grows with the rate, or finding a high limit again after a cut would take many seconds.
    const seconds = (now - this.lastCutAt) / 1000;
    const cut = this.rateAtCut * CUT;
    const plateau = this.rateAtCut * PLATEAU;
    const rate =
      seconds < RECOVERY_SECONDS
        ? plateau - (plateau - cut) * ((RECOVERY_SECONDS - seconds) / RECOVERY_SECONDS) ** 3
        : plateau + Math.max(PROBE, PROBE_SHARE * plateau) * (seconds - RECOVERY_SECONDS) ** 3;
    this.rate = Math.max(MIN_RATE, rate);
  }

  /** Accepted answers per second over the last window (or since the first answer, if sooner). */
  private acceptedRate(now: number): number {
    return this.perSecond(this.accepted, now);
  }

  /** Answers of any kind per second, likewise. */
  private answeredRate(now: number): number {
    return this.perSecond(this.accepted, now) + this.perSecond(this.throttles, now);
  }

  private perSecond(times: number[], now: number): number {
    this.trim(times, now);
    const span = Math.max(250, Math.min(WINDOW_MS, now - (this.firstAnswerAt ?? now)));
    return (times.length * 1000) / span;
  }

  /** Adds an answer's time, dropping those older than the window: the lists stay short. */
  private record(times: number[], now: number): void {
    times.push(now);
    this.trim(times, now);
  }

  private trim(times: number[], now: number): void {
    while ((times[0] ?? now) < now - WINDOW_MS) times.shift();
  }

  /** Milliseconds until the next request may go: none in slow start's window, else its paced slot. */
  private wait(): number {
    return this.inWindow() ? 0 : this.slotDelay();
  }

  /** Milliseconds until the next paced slot. */
  private slotDelay(): number {
    const now = this.now();
    const rate = this.requestsPerSecond;
    const paced = rate === undefined ? now : this.lastSentAt + 1000 / rate;
    return Math.max(paced, this.pausedUntil) - now;
  }

  private take(): void {
    const windowed = this.inWindow();
    this.unanswered += 1;
    const now = this.now();
    const rate = this.requestsPerSecond;
    if (windowed) {
      // Unpaced (slow start's window): the paced slots go on from here, not from before it.
      this.lastSentAt = Math.max(this.lastSentAt, now);
      return;
    }
    // Slots follow each other at the rate (a slot a timer fired late for is still used); after an
    // idle spell they restart from now, so that no burst is saved up.
    const next = rate === undefined ? now : this.lastSentAt + 1000 / rate;
    this.lastSentAt = rate !== undefined && next >= now - 1000 / rate ? next : now;
  }

  /**
   * In slow start, whether a call may go unpaced: fewer than SLOW_START_WINDOW are unanswered. (A pause
   * comes only from rate-limit headers, which end slow start.)
   */
  private inWindow(): boolean {
    return this.slowStart && this.unanswered < SLOW_START_WINDOW;
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const delay = this.wait();
      if (delay > 0) {
        this.timer ??= setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, delay);
        return;
      }
      const waiter = this.queue.shift() as Waiter;
      waiter.release?.();
      this.take();
      waiter.resolve();
    }
  }
}

/**
 * What a vendor's rate-limit headers allow: `x-ratelimit-remaining` calls until `x-ratelimit-reset`
 * (seconds from now, or a Unix time in seconds; fractions taken). Undefined unless both are there.
 */
export function rateLimitAllowance(
  headers: Headers,
  nowMs: number = Date.now(),
): { remaining: number; resetMs: number } | undefined {
  // One look-up on every answer of a vendor that sends none (all of ours): this runs on every call.
  const remainingHeader = headers.get('x-ratelimit-remaining');
  if (remainingHeader === null) return undefined;
  const remaining = Number.parseFloat(remainingHeader);
  const reset = Number.parseFloat(headers.get('x-ratelimit-reset') ?? '');
  if (!(remaining >= 0) || !(reset >= 0)) return undefined;
  // Values this large are Unix times: a delta in seconds is never years long.
  const ms = reset > 1e9 ? reset * 1000 - nowMs : reset * 1000;
  return { remaining, resetMs: Math.max(0, Math.min(ms, 60_000)) };
}

/** A fetch that tells `limiter` about every answer it gets (status and headers), or that none came. */
export function observedFetch(limiter: RateLimiter, fetch?: FetchLike): FetchLike {
  return async (input, init) => {
    const sentAt = limiter.time();
    let response: Response;
    try {
      response = await (fetch ?? globalThis.fetch)(input, init);
    } catch (error) {
      limiter.onNoAnswer();
      throw error;
    }
    limiter.onAnswer(response.status, response.headers, sentAt);
    return response;
  };
}
