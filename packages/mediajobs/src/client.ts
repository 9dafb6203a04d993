import {
  AbortError,
  type AdapterOptions,
  abortableSleep,
  createRedactor,
  findApiKey,
  InvalidRequestError,
  type KindOperations,
  MediaJobsError,
  NotFoundError,
  type Redactor,
  secretHeaderValues,
  TERMINAL_STATUSES,
  TimeoutError,
  timedSignal,
  UnsupportedOperationError,
} from '@mediajobs/core';
import {
  type BulkDeps,
  type DeleteEachOptions,
  type DeleteManyOptions,
  type DeleteOutcome,
  deleteInBulk,
} from './bulk.js';
import { type ListOptions, listJobs } from './list.js';
import { blockOf, checkFacadeOptions, type MediaJobsOptions } from './options.js';
import { observedFetch, RateLimiter, type RateState } from './rate.js';
import { type CheckedRef, checkRef, kindOptions } from './refs.js';
import { withRetries } from './retry.js';
import { mayHaveActed } from './retry-policy.js';
import { type Job, type JobRef, type Provider, type Vendor, vendors } from './vendors.js';

export interface DeleteOptions {
  signal?: AbortSignal;
  /**
   * Also delete its assets, irrevocably: for the kinds that take `hard` (Tavus videos; `mediajobs
   * kinds` lists each kind's options). A kind without it refuses it (InvalidRequestError).
   */
  hard?: boolean;
}

/** A deleted ref, its kind named. */
export type DeleteResult = JobRef & { kind: string; deleted: true };

export interface GetOptions {
  signal?: AbortSignal;
}

export interface WaitOptions {
  /** First wait between two polls, in milliseconds (default 2000); it grows 1.5x per poll, up to 30 s. */
  intervalMs?: number;
  /**
   * Give up after this long, in milliseconds (default 10 minutes), with a TimeoutError that names the
   * job: the whole wait is bounded, a status read still in flight at the deadline included (it is aborted).
   */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** One client for every vendor's jobs. */
export interface MediaJobs {
  /** Deletes one job. Resolves when the vendor confirms; throws a MediaJobsError otherwise. */
  delete(ref: JobRef, options?: DeleteOptions): Promise<DeleteResult>;
  /**
   * Deletes many jobs: one outcome per ref, in input order; a failure is an outcome, never a
   * rejection. TensorsLab refs go through its batch delete; concurrency is bounded per vendor.
   */
  deleteMany(refs: Iterable<JobRef>, options?: DeleteManyOptions): Promise<DeleteOutcome[]>;
  /** Deletes jobs from any (async) iterable, yielding outcomes as they complete, in bounded memory. */
  deleteEach(
    refs: Iterable<JobRef> | AsyncIterable<JobRef>,
    options?: DeleteEachOptions,
  ): AsyncGenerator<DeleteOutcome>;
  /** Reads one job's status, mapped to queued | running | succeeded | failed | deleted. */
  get(ref: JobRef, options?: GetOptions): Promise<Job>;
  /** Polls a job until its status is terminal (succeeded, failed or deleted). */
  wait(ref: JobRef, options?: WaitOptions): Promise<Job>;
  /**
   * Every job of an account at one vendor (Tavus, A2E, or one upstream of a Bifrost gateway), once
   * each, streamed page by page, filtered by status and creation time. TensorsLab cannot list: an
   * UnsupportedOperationError, before any request.
   */
  list(options: ListOptions): AsyncGenerator<Job>;
  /** The rate this client sends to a vendor at now, and whether the vendor is throttling it. */
  rateOf(provider: Provider): RateState;
}

const DEFAULT_WAIT_INTERVAL_MS = 2_000;
const MAX_WAIT_INTERVAL_MS = 30_000;
const DEFAULT_WAIT_TIMEOUT_MS = 10 * 60_000;

/**
 * Creates the client. It throws only for an option it cannot take (InvalidRequestError): a name it
 * does not know, a base URL with a user name, password, query or fragment (a <PROVIDER>_BASE_URL
 * variable is checked on the vendor's first use), a timeoutMs not above 0. It needs no key: a
 * vendor's client is made on its first use, and a missing key fails that call with an
 * AuthenticationError naming the variable.
 *
 * Every job read and every error passes one redactor that knows every vendor's key (given, or else in
 * the environment) and the values of its `headers`, so none that a vendor echoes back reaches the caller.
 * The environment is read only for what was not given: a key or base URL passed as an option is never
 * looked up, and a variable that cannot be read (Deno without --allow-env, no `process`) is unset.
 */
export function createMediaJobs(options: MediaJobsOptions = {}): MediaJobs {
  checkFacadeOptions(options);
  // The key each vendor's client sends: the given one, else its variable, read only then (Deno without
  // --allow-env, a Worker: nothing to read, and every key given is all they need).
  const redactor = createRedactor(() =>
    vendors.flatMap(({ provider, description: { auth }, ownOptions }) => [
      options[provider]?.apiKey,
      findApiKey({ provider, apiKey: options[provider]?.apiKey, envVar: auth.envVar }),
      ...secretHeaderValues(options[provider]?.headers),
      // A vendor's own credentials (a gateway's admin credential), given or in their variable.
      ...Object.entries(ownOptions)
        .filter(([, option]) => option.secret)
        .map(([name, option]) => {
          const given = blockOf(options, provider)?.[name];
          const apiKey = typeof given === 'string' ? given : undefined;
          return option.envVar ? findApiKey({ provider, apiKey, envVar: option.envVar }) : apiKey;
        }),
    ]),
  );
  // One limiter per vendor, shared by every call this client makes to it.
  const limiters = new Map<Provider, RateLimiter>();
  const limiterFor = (provider: Provider): RateLimiter => {
    let limiter = limiters.get(provider);
    if (!limiter) {
      limiter = new RateLimiter({
        maxRequestsPerSecond: options[provider]?.maxRequestsPerSecond,
        adaptive: options.adaptiveRate ?? true,
      });
      limiters.set(provider, limiter);
    }
    return limiter;
  };
  // With adaptiveRate off and no ceiling, throttling is left to the retries alone, as before.
  const governed = (provider: Provider) =>
    options.adaptiveRate !== false || options[provider]?.maxRequestsPerSecond !== undefined;
  // Each vendor's clients, made on its first use.
  const connections = new Map<Provider, ReadonlyMap<string, KindOperations>>();
  const operationsOf = ({ vendor, kind }: Pick<CheckedRef, 'vendor' | 'kind'>): KindOperations => {
    let connection = connections.get(vendor.provider);
    if (!connection) {
      connection = connect(vendor, options, redactor, limiterFor(vendor.provider));
      connections.set(vendor.provider, connection);
    }
    return connection.get(kind.name) as KindOperations;
  };
  const retryOptions = (provider: Provider, signal?: AbortSignal) => ({
    provider,
    maxRetries: options.maxRetries,
    timeoutMs: options.timeoutMs,
    backoff: options.backoff,
    limiter: governed(provider) ? limiterFor(provider) : undefined,
    maxRequeues: options.maxRequeues,
    maxRequeueMs: options.maxRequeueMs,
    signal,
  });

  /**
   * Deletes ids of one provider and kind in one call, with retries; its errors are redacted. Options
   * its kind does not take are refused, or left out for a bulk run (`loose`), which mixes kinds.
   */
  const deleteIds = async (
    checked: CheckedRef,
    ids: readonly string[],
    {
      signal,
      notFoundIsDeleted = false,
      loose = false,
      ...given
    }: DeleteOptions & { notFoundIsDeleted?: boolean; loose?: boolean },
  ) => {
    const { ref } = checked;
    const operations = operationsOf(checked);
    const options = kindOptions(ref.provider, checked.kind, 'delete', given, { loose });
    const deleteOnce = (attemptSignal: AbortSignal | undefined) => {
      const [first] = ids;
      if (ids.length === 1 && first !== undefined) return operations.delete(first, { options, signal: attemptSignal });
      if (!operations.deleteBatch) {
        throw new InvalidRequestError(`${ref.provider} deletes one ${ref.kind} per call, got ${ids.length} ids`);
      }
      return operations.deleteBatch(ids, { options, signal: attemptSignal });
    };
    // After an attempt whose outcome is unknown (no answer, a timeout, a 5xx), a 404 means the
    // job is gone, most likely deleted by that attempt: report it deleted, not failed.
    let outcomeUnknown = notFoundIsDeleted;
    let unclear = false; // some attempt of this call got no clear answer
    let unknownBeforeLastAttempt = false;
    try {
      await withRetries(
        async (attemptSignal) => {
          unknownBeforeLastAttempt = unclear && !notFoundIsDeleted;
          try {
            await deleteOnce(attemptSignal);
          } catch (error) {
            if (outcomeUnknown && NotFoundError.isInstance(error)) return;
            if (mayHaveActed(error)) outcomeUnknown = unclear = true;
            throw error;
          }
        },
        retryOptions(ref.provider, signal),
      );
    } catch (caught) {
      let error = caught;
      // A clear refusal after an unclear attempt does not undo that attempt: say so.
      if (unknownBeforeLastAttempt && MediaJobsError.isInstance(error) && !error.retryable) {
        error = mayBeDeletedAlready(error);
      }
      // Whatever the final error, after an unclear attempt its field says so (programs read it, not the text).
      if (unclear && MediaJobsError.isInstance(error)) (error as { outcomeUnknown?: boolean }).outcomeUnknown = true;
      throw redactor.error(error);
    }
  };

  const bulkDeps: BulkDeps = {
    batchSizeOf: (ref) => operationsOf(checkRef(ref)).batchSize,
    deleteIds: (ref, ids, options) => deleteIds(checkRef(ref), ids, { ...options, loose: true }),
  };

  const get = async (ref: JobRef, { signal }: GetOptions = {}): Promise<Job> => {
    const checked = checkRef(ref);
    const { provider, id, kind } = checked.ref;
    const read = operationsOf(checked).get;
    if (!read) throw new UnsupportedOperationError(`${provider}: a ${kind} cannot be read`, { provider });
    try {
      const job = await withRetries(
        (attemptSignal) => read(id, { options: {}, signal: attemptSignal }),
        retryOptions(provider, signal),
      );
      return redactor.job(job) as Job;
    } catch (error) {
      throw redactor.error(error);
    }
  };

  const list = (listOptions: ListOptions) =>
    listJobs(listOptions, {
      operations: operationsOf,
      readPage: (read) => withRetries(read, retryOptions(listOptions.provider, listOptions.signal)),
      get: (job) => get(job as JobRef, { signal: listOptions.signal }),
      job: (job) => redactor.job(job) as Job,
      error: redactor.error,
    });

  return {
    list,
    async delete(ref, deleteOptions = {}) {
      const checked = checkRef(ref);
      await deleteIds(checked, [checked.ref.id], deleteOptions);
      return { ...checked.ref, deleted: true };
    },
    deleteEach(refs, bulkOptions = {}) {
      return deleteInBulk(refs, bulkOptions, bulkDeps);
    },
    async deleteMany(refs, { onProgress, ...bulkOptions } = {}) {
      const list = [...refs];
      const outcomes: DeleteOutcome[] = new Array(list.length);
      let done = 0;
      let failed = 0;
      const run = deleteInBulk(list, bulkOptions, {
        ...bulkDeps,
        onOutcome: (index, outcome) => {
          outcomes[index] = outcome;
        },
      });
      for await (const outcome of run) {
        done += 1;
        if (!outcome.ok) failed += 1;
        onProgress?.({ done, failed, total: list.length });
      }
      // Refs never started because the call was aborted still get their one outcome each.
      for (let index = 0; index < list.length; index += 1) {
        if (outcomes[index] === undefined) {
          const error = new AbortError('aborted before this ref was started');
          outcomes[index] = { ref: list[index] as JobRef, ok: false, error };
          done += 1;
          failed += 1;
          onProgress?.({ done, failed, total: list.length });
        }
      }
      return outcomes;
    },
    get,
    rateOf: (provider) => limiterFor(provider).state(),
    async wait(ref, { intervalMs = DEFAULT_WAIT_INTERVAL_MS, timeoutMs = DEFAULT_WAIT_TIMEOUT_MS, signal } = {}) {
      const { provider, id, kind } = checkRef(ref).ref;
      // One signal bounds the whole wait: the pauses, and a status read still in flight at the deadline.
      const bounded = timedSignal(signal, timeoutMs);
      let last: Job | undefined;
      try {
        for (let poll = 0; ; poll += 1) {
          last = await get({ provider, id, kind } as JobRef, { signal: bounded.signal });
          if (TERMINAL_STATUSES.has(last.status)) return last;
          await abortableSleep(Math.min(intervalMs * 1.5 ** poll, MAX_WAIT_INTERVAL_MS), bounded.signal);
        }
      } catch (error) {
        if (bounded.timedOut()) {
          const stood = last ? ` still ${last.status}` : ': no status, the vendor did not answer in time,';
          throw new TimeoutError(
            `${provider}: job ${id}${stood} after ${timeoutMs} ms (wait longer, or check the job)`,
            {
              provider,
              cause: error,
            },
          );
        }
        if (MediaJobsError.isInstance(error)) throw error;
        throw new AbortError(`${provider}: aborted while waiting for job ${id}`, { provider, cause: error });
      } finally {
        bounded.dispose();
      }
    },
  };
}

/**
 * The same error, noting in its message for people that an earlier attempt (whose answer was lost)
 * may have deleted the job; deleteIds sets its `outcomeUnknown` for programs.
 */
function mayBeDeletedAlready(error: MediaJobsError): MediaJobsError {
  const ErrorClass = error.constructor as typeof MediaJobsError;
  const note =
    'an earlier attempt got no clear answer, so the job may already be deleted; re-run with notFoundIsDeleted to settle it';
  return new ErrorClass(`${error.message} (${note})`, {
    provider: error.provider,
    status: error.status,
    code: error.code,
    retryable: false,
    requestId: error.requestId,
    retryAfterMs: error.retryAfterMs,
    cause: error,
  });
}

/** A vendor's kinds, bound to its clients: its block of the options, paced by its limiter. */
function connect(
  vendor: Vendor,
  options: MediaJobsOptions,
  redactor: Redactor,
  limiter: RateLimiter,
): ReadonlyMap<string, KindOperations> {
  const { maxRequestsPerSecond: _, ...block } = blockOf(options, vendor.provider) ?? {};
  const connectOptions: AdapterOptions & Record<string, unknown> = {
    ...block,
    fetch: observedFetch(limiter, options.fetch),
    maxResponseBytes: options.maxResponseBytes,
    // Each attempt's signal (withRetries) carries timeoutMs; a second timer per call would only cost.
    timeoutMs: Number.POSITIVE_INFINITY,
    redactor,
  };
  return vendor.connect(connectOptions);
}
