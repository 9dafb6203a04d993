// Erasing one subject's recorded resources: each claimed (a row lock on PostgreSQL, so that any
// number of erasers share the work), deleted at the vendor, read back, and its outcome recorded in
// the same transaction that marks it erased. An erasure stopped anywhere (SIGKILL included) leaves
// every resource either recorded or untouched in the ledger, and the next run resumes the request.
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { erasePhases, type KindInfo, type MediaJobs, MediaJobsError, NotFoundError, vendorOf } from 'mediajobs';
import type { Db, HeldLock, Session } from './db.js';
import { LedgerError, LedgerInputError } from './errors.js';
import { type ErasureOutcome, insertOutcome, type Outcome } from './outcome.js';

export interface EraseOptions {
  /** Also delete assets irrevocably, for the kinds that take `hard` (see `mediajobs kinds`). */
  hard?: boolean;
  /** Stops the erasure: nothing new starts, calls in flight are abandoned (their resources stay to do). */
  signal?: AbortSignal;
  /**
   * Winds the erasure down gently (e.g. on Ctrl-C): nothing new starts, calls in flight finish and
   * their outcomes are recorded. Either way the request stays unfinished, and the next erasure of the
   * subject resumes it.
   */
  drain?: AbortSignal;
  /** Resources in flight at once, per vendor (default 4); the facade's rate governance paces each vendor. */
  concurrency?: number;
}

/** An erasure in progress: iterate it for one outcome per resource as each lands. */
export interface Erasure extends AsyncIterable<ErasureOutcome> {
  /** The erasure request's id, once it has started (the first outcome, or the end of an empty one). */
  readonly request: string | undefined;
}

export const DEFAULT_ERASE_CONCURRENCY = 4;

interface ResourceRow {
  provider: string;
  kind: string;
  id: string;
}

interface Claim {
  session: Session;
  row: ResourceRow;
}

/** Runs one erasure request of `subject` (already hashed) on `db` with the facade `jobs`. */
export function eraseSubject(db: Db, subject: string, jobs: MediaJobs, options: EraseOptions = {}): Erasure {
  const concurrency = options.concurrency ?? DEFAULT_ERASE_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 8) {
    throw new LedgerInputError(`concurrency must be a whole number from 1 to 8, got ${concurrency}`);
  }
  let request: string | undefined;
  async function* run(): AsyncGenerator<ErasureOutcome> {
    const locks: HeldLock[] = [];
    let all: Promise<void> | undefined;
    const stop = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
    // Every call in flight (concurrency per vendor, four vendors) listens to it while it runs: more
    // than Node's default of 10 listeners is no leak.
    setMaxListeners(0, signal);
    try {
      const started = await startRequest(db, subject, Boolean(options.hard), locks);
      request = started.id;
      const noMore = options.drain ? AbortSignal.any([signal, options.drain]) : signal;
      const work = new Worker(db, subject, started.id, started.hard, jobs, signal, noMore);
      const queue: ErasureOutcome[] = [];
      let wake: (() => void) | undefined;
      let failure: { error: unknown } | undefined;
      let running = true;
      const emit = (outcome: ErasureOutcome) => {
        queue.push(outcome);
        wake?.();
      };
      const byVendor = await work.phasesByVendor();
      all = Promise.all(
        [...byVendor].map(async ([provider, phases]) => {
          for (const kinds of phases) {
            if (noMore.aborted) return;
            await Promise.all(Array.from({ length: concurrency }, () => work.loop(provider, kinds, emit)));
          }
        }),
      ).then(
        () => undefined,
        (error: unknown) => {
          failure = { error };
          stop.abort(error);
        },
      );
      void all.finally(() => {
        running = false;
        wake?.();
      });
      while (true) {
        const next = queue.shift();
        if (next) {
          yield next;
          continue;
        }
        if (!running) break;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
      await all;
      if (failure) throw failure.error;
      if (!noMore.aborted) {
        await db.query('UPDATE erasures SET finished_at = ? WHERE id = ?', [Date.now(), started.id]);
      }
    } finally {
      // The consumer stopped early, or something failed: stop the workers before letting go of the locks.
      stop.abort();
      await all;
      for (const lock of locks) await lock.release();
    }
  }
  const generator = run();
  return {
    get request() {
      return request;
    },
    [Symbol.asyncIterator]: () => generator,
  };
}

/**
 * The request this run works on: an unfinished one of the same subject whose eraser is gone (it
 * was killed: resume it), else a new one. SQLite allows one eraser per ledger (its lock file);
 * PostgreSQL any number, each holding an advisory lock on its own request while it runs.
 */
async function startRequest(
  db: Db,
  subject: string,
  hard: boolean,
  locks: HeldLock[],
): Promise<{ id: string; hard: boolean }> {
  if (db.dialect === 'sqlite') {
    const lock = await db.tryLock('erase');
    if (!lock) {
      throw new LedgerError(
        `another erasure is running on the SQLite ledger ${db.where}; wait for it to finish, or use a PostgreSQL ledger to run several erasers at once`,
      );
    }
    locks.push(lock);
  }
  const open = await db.query<{ id: string; hard: number }>(
    'SELECT id, hard FROM erasures WHERE subject = ? AND finished_at IS NULL ORDER BY asked_at',
    [subject],
  );
  for (const row of open) {
    const lock = db.dialect === 'sqlite' ? undefined : await db.tryLock(`erasure:${row.id}`);
    if (db.dialect === 'postgres' && !lock) continue; // its eraser is alive
    if (lock) locks.push(lock);
    // A resumed request keeps `hard` if it was asked for; asking for it now adds it.
    if (hard && !row.hard) await db.query('UPDATE erasures SET hard = 1 WHERE id = ?', [row.id]);
    return { id: row.id, hard: hard || Boolean(Number(row.hard)) };
  }
  const id = randomUUID();
  if (db.dialect === 'postgres') {
    const lock = await db.tryLock(`erasure:${id}`);
    if (lock) locks.push(lock);
  }
  await db.query('INSERT INTO erasures (id, subject, hard, asked_at) VALUES (?, ?, ?, ?)', [
    id,
    subject,
    Number(hard),
    Date.now(),
  ]);
  return { id, hard };
}

class Worker {
  /** SQLite only: resources this process is erasing (PostgreSQL's row locks do this there). */
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly subject: string,
    private readonly request: string,
    private readonly hard: boolean,
    private readonly jobs: MediaJobs,
    private readonly signal: AbortSignal,
    /** Fires when nothing new may start: `signal`, or a drain. */
    private readonly noMore: AbortSignal,
  ) {}

  /**
   * Per vendor, its kinds in the order they are erased: kinds made from others first (a conversation
   * before the replica it was held with), in phases, each done before the next starts.
   */
  async phasesByVendor(): Promise<Map<string, string[][]>> {
    const rows = await this.db.query<{ provider: string; kind: string }>(
      'SELECT DISTINCT provider, kind FROM resources WHERE subject = ? AND erased_at IS NULL',
      [this.subject],
    );
    const kinds = new Map<string, string[]>();
    for (const { provider, kind } of rows) kinds.set(provider, [...(kinds.get(provider) ?? []), kind]);
    return new Map([...kinds].map(([provider, names]) => [provider, erasePhases(provider, names)]));
  }

  /** Claims and erases resources of these kinds until none is left to this worker. */
  async loop(provider: string, kinds: string[], emit: (outcome: ErasureOutcome) => void): Promise<void> {
    while (!this.noMore.aborted) {
      // PostgreSQL: first what no other eraser holds; then wait for what they hold, which comes back
      // only if they did not erase it (they failed, or died).
      const claim =
        (await this.claim(provider, kinds, false)) ??
        (this.db.dialect === 'postgres' ? await this.claim(provider, kinds, true) : undefined);
      if (!claim) return;
      const key = `${claim.row.provider}\n${claim.row.kind}\n${claim.row.id}`;
      try {
        const outcome = await this.eraseOne(claim.row);
        if (!outcome) {
          await claim.session.rollback(); // stopped mid-call: the resource stays to do
          return;
        }
        const erased = outcome.outcome !== 'failed';
        await claim.session.query(...insertOutcome(outcome));
        await claim.session.query(
          `UPDATE resources SET attempted_by = ?, erased_at = ?, erased_by = ?
           WHERE subject = ? AND provider = ? AND kind = ? AND id = ?`,
          [
            this.request,
            erased ? Date.parse(outcome.at) : null,
            erased ? this.request : null,
            this.subject,
            claim.row.provider,
            claim.row.kind,
            claim.row.id,
          ],
        );
        await claim.session.commit();
        emit(outcome);
      } catch (error) {
        await claim.session.rollback().catch(() => {});
        throw error;
      } finally {
        this.inFlight.delete(key);
      }
    }
  }

  private async claim(provider: string, kinds: string[], wait: boolean): Promise<Claim | undefined> {
    const session = await this.db.begin();
    const lockClause = this.db.dialect === 'postgres' ? (wait ? ' FOR UPDATE' : ' FOR UPDATE SKIP LOCKED') : '';
    const rows = await session.query<ResourceRow>(
      `SELECT provider, kind, id FROM resources
       WHERE subject = ? AND provider = ? AND kind IN (${kinds.map(() => '?').join(', ')})
         AND erased_at IS NULL AND (attempted_by IS NULL OR attempted_by <> ?)
       ORDER BY created_at LIMIT ?${lockClause}`,
      [this.subject, provider, ...kinds, this.request, 1 + this.inFlight.size],
    );
    const row = rows.find(
      (candidate) => !this.inFlight.has(`${candidate.provider}\n${candidate.kind}\n${candidate.id}`),
    );
    if (!row) {
      await session.rollback();
      return undefined;
    }
    this.inFlight.add(`${row.provider}\n${row.kind}\n${row.id}`);
    return { session, row };
  }

  /** Deletes and reads back one resource; undefined when the erasure was stopped before the delete's answer. */
  private async eraseOne(row: ResourceRow): Promise<ErasureOutcome | undefined> {
    const kind = kindInfoOf(row.provider, row.kind);
    const ref = { provider: row.provider, kind: row.kind, id: row.id } as Parameters<MediaJobs['delete']>[0];
    let outcome: Outcome = 'deleted';
    let failure: MediaJobsError | undefined;
    try {
      const hard = this.hard && kind !== undefined && 'hard' in kind.deleteOptions;
      await this.jobs.delete(ref, { signal: this.signal, ...(hard && { hard: true }) });
    } catch (error) {
      if (this.signal.aborted) return undefined;
      if (NotFoundError.isInstance(error)) outcome = 'already-gone';
      else {
        outcome = 'failed';
        failure = MediaJobsError.isInstance(error)
          ? error
          : new MediaJobsError(`unexpected: ${(error as Error)?.message ?? String(error)}`, { provider: row.provider });
      }
    }
    const check =
      outcome === 'failed'
        ? {}
        : kind?.get
          ? await this.verify(ref)
          : { unverified: `a ${row.provider} ${row.kind} cannot be read back` };
    return {
      request: this.request,
      ...row,
      outcome,
      ...check,
      ...(failure && {
        error: {
          class: failure.name,
          message: failure.message,
          ...(failure.status !== undefined && { status: failure.status }),
        },
      }),
      ...(failure?.requestId !== undefined && { requestId: failure.requestId }),
      at: new Date().toISOString(),
    };
  }

  /** Gone when the vendor says not found, or reads it as deleted (a soft delete); still there when it reads otherwise. */
  private async verify(ref: Parameters<MediaJobs['get']>[0]): Promise<{ verified?: boolean; unverified?: string }> {
    try {
      const job = await this.jobs.get(ref, { signal: this.signal });
      return { verified: job.status === 'deleted' };
    } catch (error) {
      if (NotFoundError.isInstance(error)) return { verified: true };
      if (this.signal.aborted) return { unverified: 'the erasure was stopped before the read' };
      return { unverified: `the read failed without saying not found: ${(error as Error).message}` };
    }
  }
}

function kindInfoOf(provider: string, kind: string): KindInfo | undefined {
  return vendorOf(provider)?.kinds.find((candidate) => candidate.name === kind);
}
