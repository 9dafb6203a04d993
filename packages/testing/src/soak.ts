// Soak accounting: refs spread over the five APIs (some planned to fail for good), and an audit that
// compares what a client reported for each with what the fault server really did.

import { inspect } from 'node:util';
import { FAKES, ROTATION, type Vendor } from './fakes/index.js';
import { FAULT_KINDS, type FaultKind, jobKey, type Ledger, PLANNED } from './server.js';

export interface SoakRef {
  provider: Vendor;
  id: string;
  kind?: string;
}

/** What a client reported for one ref (the shape of mediajobs' DeleteOutcome). */
export interface SoakOutcome {
  ref: SoakRef;
  ok: boolean;
  error?: { name: string; retryable: boolean; message: string; outcomeUnknown?: boolean };
}

/** The error class a planned ref must fail with (see PLANNED). */
export function plannedErrorClass(ref: SoakRef): string | undefined {
  if (ref.id.startsWith(PLANNED.denied)) return 'AuthenticationError';
  if (ref.id.startsWith(PLANNED.noCredit)) return 'InsufficientCreditsError';
  if (ref.id.startsWith(PLANNED.gone)) return FAKES[ref.provider].goneErrorClass ?? 'NotFoundError';
  return undefined;
}

/**
 * `size` refs, one at a time (so that a million cost no memory), in turn TensorsLab video, TensorsLab
 * image, Tavus, Bifrost and A2E. With `plannedEvery`, every so many Tavus, Bifrost and A2E refs are
 * planned to fail for good, alternately as a job that never existed and as another account's
 * (TensorsLab's one answer per batch cannot single one out).
 */
export function* refsOverAllApis(size: number, { plannedEvery }: { plannedEvery?: number } = {}): Generator<SoakRef> {
  for (let n = 0; n < size; n += 1) {
    const api = ROTATION[n % ROTATION.length] as Omit<SoakRef, 'id'>;
    const planned =
      plannedEvery !== undefined &&
      !FAKES[api.provider].batchDelete &&
      Math.floor(n / ROTATION.length) % plannedEvery === plannedEvery - 1;
    yield { ...api, id: planned ? `${n % 2 ? PLANNED.gone : PLANNED.denied}job_${n}` : `job_${n}` };
  }
}

/** The soak's refs: refsOverAllApis with one in 50 of the Tavus, Bifrost and A2E refs planned to fail. */
export function soakRefs(size: number): SoakRef[] {
  return [...refsOverAllApis(size, { plannedEvery: 50 })];
}

export interface SoakAudit {
  refs: number;
  /** Refs with no outcome: must be 0. */
  lost: number;
  /** Refs with more than one outcome: must be 0. */
  duplicated: number;
  ok: number;
  /** Reported deleted, but the server never deleted them: must be 0. */
  okNotDeleted: number;
  /**
   * Jobs that never existed, reported deleted because an earlier attempt's outcome was unknown (no
   * answer, a timeout, a 5xx) and the retry got a 404: the job is gone either way (see the facade).
   */
  okGoneAfterUnknown: number;
  /** Failures, per error class. */
  failed: Record<string, number>;
  planned: number;
  /** Planned failures reported with another class, or as success: must be 0. */
  plannedWrong: number;
  /** Planned failures answered more than once (retried): must be 0. */
  plannedRetried: number;
  /**
   * Failed with an error that says retrying will not help, yet the server deleted them, and the
   * error's `outcomeUnknown` does not say an attempt may have: must be 0.
   */
  definitiveButDeleted: number;
  /** Failed for good after an attempt got no clear answer: the error's `outcomeUnknown` says the job may be deleted. */
  failedMaybeDeleted: number;
  /** Of those, how many the server had in fact deleted. */
  failedMaybeDeletedAndDeleted: number;
  /** Failed with a retryable error after the retries ran out: the outcome is unknown to the client. */
  retriesExhausted: number;
  /** Of those, how many the server had in fact deleted (reported as failed, with a retryable error). */
  retriesExhaustedButDeleted: number;
  requests: number;
  /** Requests that repeated an earlier one: the client's retries. */
  retries: number;
  faults: Partial<Record<FaultKind, number>>;
}

/** Compares every outcome with the ledger. */
export function auditSoak(refs: readonly SoakRef[], outcomes: readonly SoakOutcome[], ledger: Ledger): SoakAudit {
  const seen = new Map<SoakRef, SoakOutcome[]>();
  for (const outcome of outcomes) seen.set(outcome.ref, [...(seen.get(outcome.ref) ?? []), outcome]);
  const audit: SoakAudit = {
    refs: refs.length,
    lost: 0,
    duplicated: 0,
    ok: 0,
    okNotDeleted: 0,
    okGoneAfterUnknown: 0,
    failed: {},
    planned: 0,
    plannedWrong: 0,
    plannedRetried: 0,
    definitiveButDeleted: 0,
    failedMaybeDeleted: 0,
    failedMaybeDeletedAndDeleted: 0,
    retriesExhausted: 0,
    retriesExhaustedButDeleted: 0,
    requests: [...ledger.requests.values()].reduce((sum, count) => sum + count, 0),
    retries: ledger.repeats,
    faults: Object.fromEntries(ledger.faults),
  };
  for (const ref of refs) {
    const reported = seen.get(ref) ?? [];
    if (reported.length === 0) audit.lost += 1;
    if (reported.length > 1) audit.duplicated += 1;
    const outcome = reported[0];
    if (!outcome) continue;
    const key = jobKey(ref.provider, ref.kind, ref.id);
    const deleted = ledger.deleted.has(key);
    const expected = plannedErrorClass(ref);
    const goneAfterUnknown = outcome.ok && ref.id.startsWith(PLANNED.gone) && (ledger.attempts.get(key) ?? 0) > 1;
    if (expected) {
      audit.planned += 1;
      // Judged only once the server delivered the planned answer (a random fault may come first).
      const delivered = (ledger.permanentAnswers.get(key) ?? 0) > 0;
      if (delivered && !goneAfterUnknown && (outcome.ok || outcome.error?.name !== expected)) audit.plannedWrong += 1;
      // Answered twice counts as a retry of a definitive answer unless the client says an earlier
      // attempt got no clear answer: a timeout can fire just as the server writes, and the server
      // cannot tell an answer the client dropped from one it read.
      const lostFirst = goneAfterUnknown || outcome.error?.outcomeUnknown === true;
      if ((ledger.permanentAnswers.get(key) ?? 0) > 1 && !lostFirst) audit.plannedRetried += 1;
    }
    if (outcome.ok) {
      audit.ok += 1;
      if (goneAfterUnknown) audit.okGoneAfterUnknown += 1;
      else if (!deleted) audit.okNotDeleted += 1;
      continue;
    }
    const name = outcome.error?.name ?? 'unknown';
    audit.failed[name] = (audit.failed[name] ?? 0) + 1;
    if (outcome.error?.retryable && name !== 'AbortError') {
      audit.retriesExhausted += 1;
      if (deleted) audit.retriesExhaustedButDeleted += 1;
    } else if (outcome.error?.outcomeUnknown === true) {
      audit.failedMaybeDeleted += 1;
      if (deleted) audit.failedMaybeDeletedAndDeleted += 1;
    } else if (deleted) {
      audit.definitiveButDeleted += 1;
    }
  }
  return audit;
}

/** The audit's checks that must hold; empty when all do. */
export function soakViolations(audit: SoakAudit): string[] {
  const mustBeZero = [
    'lost',
    'duplicated',
    'okNotDeleted',
    'plannedWrong',
    'plannedRetried',
    'definitiveButDeleted',
  ] as const;
  return mustBeZero.filter((field) => audit[field] !== 0).map((field) => `${field}: ${audit[field]}`);
}

/** The soak's server: 20% faults of every kind, stalls well past the client's timeout. */
export const SOAK_SERVER = { faultRate: 0.2, stallMs: 1_500, oversizedBytes: 8 * 1024 * 1024 } as const;

/**
 * The soak's rate-limited phase: each vendor allows 100 requests/s (burst 20), answering 429 past it
 * (Retry-After 0, and Bifrost's body with none), on top of 10% faults of the other kinds but stalls.
 * The client runs with the adaptive rate on and a 3 s timeout: under pacing and load, a 300 ms
 * timeout would lose answers the server had sent, which the ledger cannot tell from a retry.
 */
export const SOAK_RATE_LIMITED = {
  server: {
    faultRate: 0.1,
    faults: FAULT_KINDS.filter((kind) => kind !== 'rateLimit' && kind !== 'stall'),
    oversizedBytes: 8 * 1024 * 1024,
    rateLimit: { requestsPerSecond: 100, burst: 20, retryAfterSeconds: 0 },
  },
  client: { timeoutMs: 3_000, maxRetries: 5, backoff: { initialMs: 5, maxMs: 40 }, maxResponseBytes: 256 * 1024 },
} as const;

/**
 * The soak's client settings (mediajobs options): short waits so that the soak is quick. The
 * adaptive rate is off here: the random faults include 429s that no real limit caused, and pacing
 * against them would only slow the run; the rate-limited phase (SOAK_RATE_LIMITED) runs with it on.
 */
export const SOAK_CLIENT = {
  adaptiveRate: false,
  timeoutMs: 300,
  maxRetries: 5,
  backoff: { initialMs: 5, maxMs: 40 },
  maxResponseBytes: 256 * 1024,
} as const;

/** The forms a server may echo a key in: as sent, percent-encoded, form-encoded, JSON- and HTML-escaped. */
export function echoForms(key: string): string[] {
  const html = (named: boolean) =>
    key.replace(/[&<>"']/g, (c) =>
      named
        ? (({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' } as Record<string, string>)[c] ?? c)
        : `&#${c.charCodeAt(0)};`,
    );
  const percent = encodeURIComponent(key);
  return [
    ...new Set([key, percent, percent.replace(/%20/g, '+'), JSON.stringify(key).slice(1, -1), html(true), html(false)]),
  ];
}

/**
 * How many of `values` hold `key` in any echo form, anywhere: in their inspection (every field, at
 * any depth, hidden ones too), their JSON, and for errors their message, stack and cause chain.
 */
export function countHoldingKey(values: Iterable<unknown>, key: string): number {
  const forms = echoForms(key);
  let holding = 0;
  for (const value of values) {
    const views = [inspect(value, { depth: 20, showHidden: true }), safeJson(value)];
    for (let error = value; error instanceof Error; error = error.cause) views.push(error.message, error.stack ?? '');
    if (views.some((view) => forms.some((form) => view.includes(form)))) holding += 1;
  }
  return holding;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}
