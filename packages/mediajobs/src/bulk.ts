import { AbortError, InvalidRequestError, MediaJobsError } from '@mediajobs/core';
import { checkJobRef } from './refs.js';
import type { JobRef, Provider } from './vendors.js';

/** What happened to one ref of a bulk delete. `ref` is the object that was passed in. */
export type DeleteOutcome = { ref: JobRef; ok: true } | { ref: JobRef; ok: false; error: MediaJobsError };

export interface DeleteEachOptions {
  /** Calls in flight at once, per vendor (default 8). */
  concurrency?: number;
  /** Stops the run: nothing starts after it fires, and what was in flight ends as an AbortError. */
  signal?: AbortSignal;
  /**
   * Winds the run down gently (e.g. on Ctrl-C): nothing new is read or started after it fires, calls
   * in flight finish and report their real outcome, and refs read but not started end as AbortError.
   */
  drain?: AbortSignal;
  /**
   * Also delete each one's assets, irrevocably, for the kinds that take `hard` (Tavus videos; see
   * `mediajobs kinds`); the others are deleted as usual, since a bulk run mixes kinds.
   */
  hard?: boolean;
  /**
   * Count a 404 as deleted. For re-running refs whose earlier outcome is unknown (a resumed run
   * after a crash): the job is gone either way. Off by default, when a 404 is a NotFoundError.
   */
  notFoundIsDeleted?: boolean;
}

export interface BulkProgress {
  done: number;
  failed: number;
  total: number;
}

export interface DeleteManyOptions extends DeleteEachOptions {
  /** Called after each outcome. */
  onProgress?: (progress: BulkProgress) => void;
}

/** What the bulk runner needs from the client. */
export interface BulkDeps {
  /** How many ids of this ref's kind one call deletes. */
  batchSizeOf(ref: JobRef): number;
  /** Deletes ids of one provider and kind in one call (retries included); throws for all of them. */
  deleteIds(
    ref: JobRef,
    ids: readonly string[],
    options: { signal: AbortSignal; hard?: boolean; notFoundIsDeleted?: boolean },
  ): Promise<void>;
  onOutcome?(index: number, outcome: DeleteOutcome): void;
}

/** Calls in flight at once per vendor when `concurrency` is not given. */
export const DEFAULT_CONCURRENCY = 8;

interface Item {
  index: number;
  /** As passed in, for the outcome. */
  ref: JobRef;
  /** Checked and normalised. */
  checked: JobRef;
}

interface Lane {
  active: number;
  /** Waiting items, per kind (a batch never mixes kinds: TensorsLab's video and image tasks). */
  queues: Map<string, Queue>;
}

interface Queue {
  batchSize: number;
  items: Item[];
}

/**
 * Runs a bulk delete: reads refs as capacity frees up, sends them per vendor with bounded
 * concurrency (TensorsLab in batches), and yields one outcome per ref as it completes. Refs read but
 * not yet yielded are capped, so memory does not grow with the input.
 */
export async function* deleteInBulk(
  refs: Iterable<JobRef> | AsyncIterable<JobRef>,
  { concurrency = DEFAULT_CONCURRENCY, signal, drain, hard, notFoundIsDeleted }: DeleteEachOptions,
  deps: BulkDeps,
): AsyncGenerator<DeleteOutcome> {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new InvalidRequestError(`concurrency must be a whole number of at least 1, got ${concurrency}`);
  }
  // Fires on the caller's abort, or when the consumer stops iterating early.
  const leave = new AbortController();
  const stop = signal ? AbortSignal.any([signal, leave.signal]) : leave.signal;
  // Stops reading and starting; unlike `stop`, it does not abort the calls in flight.
  const noMore = drain ? AbortSignal.any([stop, drain]) : stop;
  const lanes = new Map<Provider, Lane>();
  // One signal per call, all aborted by one listener on `stop`: hundreds of calls listening on one
  // signal would each leave a listener behind (fetch keeps its own until garbage collection).
  const calls = new Set<AbortController>();
  stop.addEventListener(
    'abort',
    () => {
      for (const call of calls) call.abort(stop.reason);
    },
    { once: true },
  );
  const finished: DeleteOutcome[] = [];
  let waiters: (() => void)[] = [];
  let unfinished = 0; // refs read and not yet yielded
  let readerIdle = false; // while true, partial batches go out instead of waiting to fill
  let readerDone = false;
  let readerError: unknown;

  const changed = () => new Promise<void>((resolve) => waiters.push(resolve));
  const notify = () => {
    const woken = waiters;
    waiters = [];
    for (const wake of woken) wake();
  };
  const settle = (item: Item, outcome: DeleteOutcome) => {
    deps.onOutcome?.(item.index, outcome);
    finished.push(outcome);
    notify();
  };
  const fail = (item: Item, error: unknown) =>
    settle(item, { ref: item.ref, ok: false, error: asMediaJobsError(error) });
  let largestBatch = 1;
  const capacity = () => concurrency * 2 * largestBatch;

  const startCalls = (lane: Lane) => {
    for (const { batchSize, items: queue } of lane.queues.values()) {
      while (
        !noMore.aborted &&
        lane.active < concurrency &&
        queue.length > 0 &&
        (readerIdle || queue.length >= batchSize)
      ) {
        const batch = queue.splice(0, batchSize);
        const first = batch[0] as Item;
        lane.active += 1;
        const call = new AbortController();
        calls.add(call);
        deps
          .deleteIds(
            first.checked,
            batch.map((item) => item.checked.id),
            { signal: call.signal, hard, notFoundIsDeleted },
          )
          .then(
            () => {
              for (const item of batch) settle(item, { ref: item.ref, ok: true });
            },
            (error: unknown) => {
              for (const item of batch) fail(item, error);
            },
          )
          .finally(() => {
            calls.delete(call);
            lane.active -= 1;
            startCalls(lane);
          });
      }
    }
  };
  const inFlight = () => [...lanes.values()].some((lane) => lane.active > 0);
  const flushAll = () => {
    readerIdle = true;
    for (const lane of lanes.values()) startCalls(lane);
  };

  noMore.addEventListener(
    'abort',
    () => {
      for (const lane of lanes.values()) {
        for (const queue of lane.queues.values()) {
          for (const item of queue.items.splice(0))
            fail(item, new AbortError(`${item.checked.provider}: aborted before it was sent`));
        }
      }
    },
    { once: true },
  );

  const accept = (ref: JobRef, index: number) => {
    unfinished += 1;
    let item: Item;
    let lane: Lane | undefined;
    let queue: Queue | undefined;
    try {
      item = { index, ref, checked: checkJobRef(ref) };
      const { provider, kind = '' } = item.checked;
      lane = lanes.get(provider);
      if (!lane) {
        lane = { active: 0, queues: new Map() };
        lanes.set(provider, lane);
      }
      queue = lane.queues.get(kind);
      if (!queue) {
        queue = { batchSize: Math.max(1, deps.batchSizeOf(item.checked)), items: [] };
        lane.queues.set(kind, queue);
        largestBatch = Math.max(largestBatch, queue.batchSize);
      }
    } catch (error) {
      fail({ index, ref, checked: ref }, error);
      return;
    }
    queue.items.push(item);
    startCalls(lane);
  };

  const read = async () => {
    try {
      let index = 0;
      for await (const ref of idleAware(refs, flushAll, () => {
        readerIdle = false;
      })) {
        while (unfinished >= capacity() && !noMore.aborted) {
          // Full: calls in flight will make room as they finish. Only when none is in flight must
          // the partial batches go out, or nothing would ever make room.
          if (!inFlight()) flushAll();
          await changed();
        }
        readerIdle = false;
        if (noMore.aborted) break;
        accept(ref, index);
        index += 1;
      }
    } catch (error) {
      readerError = error;
    } finally {
      readerDone = true;
      flushAll();
      notify();
    }
  };
  void read();

  try {
    for (;;) {
      if (finished.length > 0) {
        const outcome = finished.shift() as DeleteOutcome;
        unfinished -= 1;
        notify();
        yield outcome;
        continue;
      }
      if (readerDone && unfinished === 0) break;
      await changed();
    }
    if (readerError !== undefined) throw readerError;
  } finally {
    leave.abort();
  }
}

/**
 * Iterates refs; while an async source keeps us waiting, `onIdle` runs (so that partial batches are
 * sent rather than held), and `onBusy` when the next ref arrives. A sync source never waits.
 */
async function* idleAware<T>(source: Iterable<T> | AsyncIterable<T>, onIdle: () => void, onBusy: () => void) {
  if (Symbol.iterator in source) {
    yield* source;
    return;
  }
  const iterator = source[Symbol.asyncIterator]();
  try {
    for (;;) {
      const timer = setTimeout(onIdle, 0);
      const next = await iterator.next();
      clearTimeout(timer);
      onBusy();
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await iterator.return?.();
  }
}

function asMediaJobsError(error: unknown): MediaJobsError {
  return MediaJobsError.isInstance(error) ? error : new MediaJobsError(String(error), { cause: error });
}
