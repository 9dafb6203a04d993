// A purge's two halves called in this process, with a fake client standing in for the vendors: listing
// into the snapshot and counting it (purge/listing.ts), then asking, deleting and reading back
// (purge/erase.ts). The fake says exactly what each vendor lists, refuses and answers on a read, so the
// snapshot, receipts, tallies and messages can be checked line by line; purge.test.ts runs the whole
// command against a fault server.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { Ledger } from '@mediajobs/ledger';
import {
  AuthenticationError,
  type DeleteEachOptions,
  type DeleteOutcome,
  type GetOptions,
  type Job,
  type JobRef,
  type ListOptions,
  MAX_JOBS_EXCEEDED,
  type MediaJobs,
  MediaJobsError,
  NotFoundError,
} from 'mediajobs';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Interrupt } from '../src/common.js';
import type { Io } from '../src/io.js';
import { confirmed, deleteAndVerify } from '../src/purge/erase.js';
import { countSnapshot, listIntoSnapshot } from '../src/purge/listing.js';
import type { Plan, PurgeCommandOptions } from '../src/purge/plan.js';
import { createTallies, type VendorTally } from '../src/purge/tally.js';
import type { Receipt } from '../src/receipts.js';
import { headerOf, type ListedRef, type PurgeFilter } from '../src/snapshot.js';
import { tempFolder } from './temp-folder.js';

const DAY = 86_400_000;
const OLD = new Date(Date.now() - 60 * DAY);

const folder = () => tempFolder('purge-run-');

function planOf(providers: string[], kinds: string[], more: Partial<PurgeFilter> = {}): Plan {
  const filter = {
    olderThanMs: 30 * DAY,
    cutoff: new Date(Date.now() - 30 * DAY).toISOString(),
    providers,
    upstreams: [],
    kinds,
    hard: false,
    ...more,
  } as PurgeFilter;
  return { run: 'this-run', filter, cannotList: [], skipped: [] };
}

const optionsIn = (dir: string, more: Partial<PurgeCommandOptions> = {}): PurgeCommandOptions => ({
  receipts: join(dir, 'receipts.jsonl'),
  concurrency: 4,
  ...more,
});

/** Streams that keep what is written; stderr a terminal or not. */
function captured(tty = false) {
  const written = { stdout: '', stderr: '' };
  const io: Io = {
    stdout: { write: (text: string) => (written.stdout += text) },
    stderr: { write: (text: string) => (written.stderr += text), isTTY: tty },
    env: {},
    stdin: Readable.from([]),
  };
  return { io, written };
}

/** An Interrupt without process signals: the test drains or aborts it. */
function interruptOf() {
  const drain = new AbortController();
  const abort = new AbortController();
  const interrupt: Interrupt = {
    drain: drain.signal,
    abort: abort.signal,
    signal: undefined,
    exitCode: () => 130,
    stopStarting: () => drain.abort(),
    stop: () => {},
  };
  return { interrupt, ctrlC: () => drain.abort(), ctrlCAgain: () => abort.abort() };
}

const ref = (provider: string, kind: string, id: string, more: Partial<ListedRef> = {}) =>
  ({ provider, kind, id, createdAt: OLD.toISOString(), status: 'succeeded', ...more }) as ListedRef;

const jobOf = (provider: string, kind: string, id: string) =>
  ({ provider, kind, id, status: 'succeeded', createdAt: OLD }) as unknown as Job;

async function* jobsOf(provider: string, kind: string, prefix: string, count: number): AsyncGenerator<Job> {
  for (let i = 0; i < count; i += 1) yield jobOf(provider, kind, `${prefix}${i}`);
}

interface Fake {
  list?: (options: ListOptions & { upstream?: string }) => AsyncGenerator<Job>;
  /** The error a delete of this ref fails with, if it fails. */
  refuse?: (ref: JobRef) => MediaJobsError | undefined;
  get?: (ref: JobRef, options?: GetOptions) => Promise<Job>;
}

/** A client that lists, deletes and reads as told; a read says deleted unless told otherwise. */
function fakeJobs({ list, refuse, get }: Fake) {
  const reads: JobRef[] = [];
  const jobs = {
    list: (options: ListOptions) => (list ?? (() => jobsOf('tavus', 'video', 'none', 0)))(options),
    async *deleteEach(refs: AsyncIterable<JobRef>, options?: DeleteEachOptions): AsyncGenerator<DeleteOutcome> {
      for await (const each of refs) {
        // As the library: nothing new is started once drained.
        if (options?.drain?.aborted) return;
        const error = refuse?.(each);
        yield error ? { ref: each, ok: false, error } : { ref: each, ok: true };
      }
    },
    get: (each: JobRef, options?: GetOptions) => {
      reads.push(each);
      return get ? get(each, options) : Promise.resolve({ ...each, status: 'deleted' } as unknown as Job);
    },
  };
  return { jobs: jobs as unknown as MediaJobs, reads };
}

/** A snapshot of this run (its header first) holding `lines`. */
function snapshotIn(dir: string, plan: Plan, lines: object[], run = plan.run): string {
  const path = join(dir, 'receipts.jsonl.snapshot.jsonl');
  const all = [headerOf(run, plan.filter), ...lines];
  writeFileSync(path, all.map((line) => `${JSON.stringify(line)}\n`).join(''));
  return path;
}

const linesOf = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));

describe('purge: listing into the snapshot', () => {
  async function listing(
    plan: Plan,
    fake: Fake,
    { progress = false, snapshot = '', ledger = undefined as Ledger | undefined } = {},
  ) {
    const dir = folder();
    const path = snapshot || join(dir, 'snapshot.jsonl');
    const { io, written } = captured(progress);
    const { tallies, tally } = createTallies(plan.filter);
    const { interrupt, ctrlC } = interruptOf();
    const { jobs } = fakeJobs(fake);
    const run = (options: Partial<PurgeCommandOptions> = {}) =>
      listIntoSnapshot(jobs, plan, optionsIn(dir, options), path, tally, interrupt, progress, io, ledger);
    return { path, written, tallies, interrupt, ctrlC, run };
  }

  it('writes the filter first, then each job, and a line per finished listing with its kind, upstream and count', async () => {
    const plan = planOf(['bifrost', 'tavus'], ['video'], { upstreams: ['openai'] });
    const list = (options: ListOptions & { upstream?: string }) =>
      options.provider === 'bifrost'
        ? jobsOf('bifrost', 'video', `${options.upstream}-`, 2)
        : jobsOf(options.provider, 'video', 't', 3);
    const { path, run } = await listing(plan, { list });
    expect(await run()).toBeUndefined();
    const [header, ...rest] = linesOf(path);
    expect(header).toMatchObject({ run: 'this-run', filter: plan.filter });
    expect(rest.filter((line) => line.listed)).toEqual([
      { listed: 'bifrost', kind: 'video', upstream: 'openai', count: 2 },
      { listed: 'tavus', kind: 'video', count: 3 },
    ]);
    const ids = rest.filter((line) => line.id).map((line) => line.id);
    expect(ids.sort()).toEqual(['openai-0', 'openai-1', 't0', 't1', 't2']);
  });

  it('on a terminal, shows the jobs found every 100 and the total at the end', async () => {
    const plan = planOf(['tavus'], ['video']);
    const { written, run } = await listing(
      plan,
      { list: () => jobsOf('tavus', 'video', 't', 250) },
      { progress: true },
    );
    await run();
    const found = (n: number) => `\rlisting: ${n} jobs older than the cutoff found`;
    expect(written.stderr).toBe(`${found(100)}${found(200)}${found(250)}\n`);
  });

  it('off a terminal, shows no progress', async () => {
    const plan = planOf(['tavus'], ['video']);
    const { written, run } = await listing(plan, { list: () => jobsOf('tavus', 'video', 't', 150) });
    await run();
    expect(written.stderr).toBe('');
  });

  it("a listing that fails is named in its vendor's tally, with the error and the upstream; the others are listed", async () => {
    const plan = planOf(['a2e', 'bifrost', 'tavus'], ['video'], { upstreams: ['openai'] });
    async function* list(options: ListOptions): AsyncGenerator<Job> {
      if (options.provider === 'tavus') throw new AuthenticationError('the key was refused', { provider: 'tavus' });
      if (options.provider === 'bifrost') throw new Error('socket hang up');
      yield* jobsOf('a2e', 'video', 'a', 2);
    }
    const { path, tallies, run } = await listing(plan, { list });
    expect(await run()).toBeUndefined();
    expect(tallies.get('tavus')?.problem).toBe('listing failed: AuthenticationError: the key was refused');
    expect(tallies.get('bifrost')?.problem).toBe('listing failed (upstream openai): Error: socket hang up');
    expect(tallies.get('a2e')?.problem).toBeUndefined();
    expect(linesOf(path).filter((line) => line.listed)).toEqual([{ listed: 'a2e', kind: 'video', count: 2 }]);
  });

  it('a listing that never stops paging (--max-jobs) forbids deleting, naming the listing', async () => {
    const plan = planOf(['bifrost'], ['video'], { upstreams: ['openai'] });
    async function* list(): AsyncGenerator<Job> {
      yield jobOf('bifrost', 'video', 'openai-0');
      throw new MediaJobsError('more than 1 jobs', { provider: 'bifrost', code: MAX_JOBS_EXCEEDED });
    }
    const { run } = await listing(plan, { list });
    expect(await run({ maxJobs: 1 })).toBe('the listing of bifrost (upstream openai) passed --max-jobs');
  });

  it('Ctrl-C while listing: nothing after it is written, the listing is not marked finished, no vendor is blamed', async () => {
    const plan = planOf(['a2e', 'tavus'], ['video']);
    let ctrlC = () => {};
    async function* list(options: ListOptions): AsyncGenerator<Job> {
      if (options.provider === 'a2e') {
        // Its page request is cut by the signal: the library throws.
        await new Promise((resolve) => setImmediate(resolve));
        throw new Error('This operation was aborted');
      }
      yield jobOf('tavus', 'video', 'before');
      ctrlC();
      // The rest of a page already fetched.
      yield jobOf('tavus', 'video', 'after-1');
      yield jobOf('tavus', 'video', 'after-2');
    }
    const listed = await listing(plan, { list });
    ctrlC = listed.ctrlC;
    expect(await listed.run()).toBe('interrupted while listing');
    const lines = linesOf(listed.path).slice(1);
    expect(lines).toEqual([expect.objectContaining({ id: 'before' })]);
    expect(listed.tallies.get('a2e')?.problem).toBeUndefined();
  });

  it('a snapshot that cannot be written (a full disk) forbids deleting, and says why', async () => {
    const plan = planOf(['tavus'], ['video']);
    const { run } = await listing(plan, { list: () => jobsOf('tavus', 'video', 't', 2) }, { snapshot: '/dev/full' });
    expect(await run()).toBe(
      'could not write to /dev/full: ENOSPC (no space left on the device); free some space and run the purge again',
    );
  });

  it('a snapshot that cannot be flushed to the disk forbids deleting too', async () => {
    const plan = planOf(['tavus'], ['video']);
    // /dev/null takes every write and refuses the flush.
    const { run } = await listing(plan, { list: () => jobsOf('tavus', 'video', 't', 2) }, { snapshot: '/dev/null' });
    expect(await run()).toMatch(/^could not write to \/dev\/null: EINVAL .*; free some space and run the purge again$/);
  });
});

describe('purge: counting the snapshot', () => {
  async function counting(plan: Plan, lines: object[], options: Partial<PurgeCommandOptions> = {}, run?: string) {
    const dir = folder();
    const snapshot = snapshotIn(dir, plan, lines, run);
    const { io, written } = captured();
    const { tallies, tally } = createTallies(plan.filter);
    const toDelete = await countSnapshot(snapshot, plan, optionsIn(dir, options), tally, io);
    return { toDelete, tallies, stderr: written.stderr };
  }
  const unfinished = (listing: string) =>
    `note: the listing of ${listing} did not finish; run purge again without --resume to find the rest\n`;

  it('on --resume, names each listing that did not finish, by its vendor alone where the purge takes one kind', async () => {
    const plan = planOf(['a2e', 'tavus'], ['video']);
    const lines = [
      ref('tavus', 'video', 't1'),
      { listed: 'tavus', kind: 'video', count: 1 },
      ref('a2e', 'video', 'a1'),
      ref('a2e', 'video', 'a2'),
    ];
    const resumed = await counting(plan, lines, { resume: true });
    expect(resumed.toDelete).toBe(3);
    expect(resumed.stderr).toBe(unfinished('a2e'));
    // A fresh run has just listed in full: no note.
    expect((await counting(plan, lines)).stderr).toBe('');
  });

  it('names the kind too where the purge takes several kinds of the vendor', async () => {
    const plan = planOf(['tavus'], ['replica', 'video']);
    const lines = [
      ref('tavus', 'video', 'v1'),
      { listed: 'tavus', kind: 'video', count: 1 },
      ref('tavus', 'replica', 'r1'),
    ];
    expect((await counting(plan, lines, { resume: true })).stderr).toBe(unfinished('tavus replica'));
  });

  it('counts a soft-deleted video as already deleted, not to delete', async () => {
    const plan = planOf(['tavus'], ['video']);
    const lines = [ref('tavus', 'video', 'gone', { status: 'deleted' }), ref('tavus', 'video', 'there')];
    const { toDelete, tallies } = await counting(plan, lines);
    expect(toDelete).toBe(1);
    expect(tallies.get('tavus')).toMatchObject({ matched: 2, alreadyDeleted: 1 });
  });

  it('refuses a snapshot rewritten by another run', async () => {
    const plan = planOf(['tavus'], ['video']);
    await expect(counting(plan, [ref('tavus', 'video', 't1')], {}, 'another-run')).rejects.toThrow(
      /snapshot\.jsonl was rewritten by another run while this one used it; nothing more is deleted$/,
    );
  });

  it('refuses a snapshot that lost its first line (the filter)', async () => {
    const dir = folder();
    const plan = planOf(['tavus'], ['video']);
    const snapshot = join(dir, 'receipts.jsonl.snapshot.jsonl');
    writeFileSync(snapshot, `${JSON.stringify(ref('tavus', 'video', 't1'))}\n`);
    const { io } = captured();
    await expect(countSnapshot(snapshot, plan, optionsIn(dir), createTallies(plan.filter).tally, io)).rejects.toThrow(
      `${snapshot} lost its first line (the filter); nothing is deleted from it`,
    );
  });
});

describe('purge: asking before deleting', () => {
  const tallyOf = (counts: Partial<VendorTally>): VendorTally => ({
    matched: 0,
    alreadyDeleted: 0,
    deleted: 0,
    verified: 0,
    unverifiable: 0,
    failed: 0,
    outside: 0,
    ...counts,
  });

  it('off a terminal, refuses without --yes, saying what it would delete at each vendor', async () => {
    const tallies = new Map([
      ['tavus', tallyOf({ matched: 5, alreadyDeleted: 1, outside: 1 })],
      ['bifrost', tallyOf({})],
      ['a2e', tallyOf({ matched: 2 })],
    ]);
    const { io, written } = captured();
    expect(await confirmed(5, tallies, 'snap.jsonl', io)).toBe(false);
    expect(written.stderr).toBe(
      'mediajobs: refusing to delete 5 jobs (tavus 3, a2e 2) without --yes when not on a terminal. ' +
        'Review snap.jsonl, then run the same purge with --resume --yes.\n',
    );
  });

  it.each([
    ['stdin', true, false],
    ['stderr', false, true],
  ])('refuses when only %s is a terminal', async (_, stdinTTY, stderrTTY) => {
    const { io, written } = captured(stderrTTY);
    io.stdin = Object.assign(Readable.from([Buffer.from('y\n')]), { isTTY: stdinTTY });
    expect(await confirmed(1, new Map([['tavus', tallyOf({ matched: 1 })]]), 'snap.jsonl', io)).toBe(false);
    expect(written.stderr).toContain('refusing to delete 1 jobs');
  });

  it.each([
    ['y', true],
    ['YES', true],
    ['  yes  ', true],
    ['', false],
    ['n', false],
    ['yess', false],
    ['oh yes', false],
  ])('on a terminal, the answer %j deletes: %s; the terminal is left out of raw mode', async (answer, deletes) => {
    const rawModes: boolean[] = [];
    // A terminal stays open after the answer: the prompt must let go of it itself.
    const stdin = Object.assign(new PassThrough(), {
      isTTY: true,
      setRawMode: (mode: boolean) => rawModes.push(mode),
    });
    onTestFinished(() => void stdin.destroy());
    stdin.write(`${answer}\n`);
    let shown = '';
    const stderr = Object.assign(new PassThrough(), { isTTY: true });
    stderr.on('data', (chunk) => (shown += chunk));
    const io: Io = { stdout: { write: () => true }, stderr, env: {}, stdin };
    const tallies = new Map([['tavus', tallyOf({ matched: 5 })]]);
    expect(await confirmed(5, tallies, 'snap.jsonl', io)).toBe(deletes);
    expect(shown).toContain('Delete 5 jobs (tavus 5) for good? Listed in snap.jsonl. [y/N] ');
    expect(rawModes.at(-1)).toBe(false);
  });
});

describe('purge: deleting and reading back', () => {
  async function erasing(
    plan: Plan,
    refs: ListedRef[],
    fake: Fake,
    {
      json = false,
      tty = false,
      options = {} as Partial<PurgeCommandOptions>,
      ledger = undefined as Ledger | undefined,
    } = {},
  ) {
    const dir = folder();
    const snapshot = snapshotIn(dir, plan, refs);
    const { io, written } = captured(tty);
    const { tallies, tally } = createTallies(plan.filter);
    const { interrupt, ctrlCAgain } = interruptOf();
    const { jobs, reads } = fakeJobs(fake);
    const opts = optionsIn(dir, options);
    const run = () => deleteAndVerify(jobs, snapshot, plan, opts, tally, json, interrupt, io, ledger);
    const receipts = () => linesOf(opts.receipts) as Receipt[];
    return { run, written, tallies, reads, receipts, ctrlCAgain };
  }
  const busy = new MediaJobsError('the job is busy', { provider: 'tavus' });
  const refuseBad = (each: JobRef) => (each.id === 'bad' ? busy : undefined);

  it('prints each failed delete and nothing for the others, and counts both', async () => {
    const plan = planOf(['tavus'], ['video']);
    const erase = await erasing(plan, [ref('tavus', 'video', 'good'), ref('tavus', 'video', 'bad')], {
      refuse: refuseBad,
    });
    await erase.run();
    expect(erase.written.stdout).toBe('FAILED   tavus video bad: MediaJobsError: the job is busy\n');
    expect(erase.reads.map((each) => each.id)).toEqual(['good']);
    expect(erase.tallies.get('tavus')).toMatchObject({ deleted: 1, verified: 1, failed: 1 });
    expect(erase.receipts().map((receipt) => [receipt.id, receipt.ok])).toEqual([
      ['good', true],
      ['bad', false],
    ]);
  });

  it('with --json, prints one receipt per job', async () => {
    const plan = planOf(['tavus'], ['video']);
    const erase = await erasing(
      plan,
      [ref('tavus', 'video', 'good'), ref('tavus', 'video', 'bad')],
      {
        refuse: refuseBad,
      },
      { json: true },
    );
    const { stdout } = await erase.run().then(() => erase.written);
    const printed = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(printed.map((receipt) => [receipt.id, receipt.ok, receipt.verified, receipt.error?.name])).toEqual([
      ['good', true, true, undefined],
      ['bad', false, undefined, 'MediaJobsError'],
    ]);
  });

  it('with --json, a receipt that could not be written is printed as not recorded', async () => {
    const plan = planOf(['tavus'], ['video']);
    const erase = await erasing(
      plan,
      [ref('tavus', 'video', 'good')],
      {},
      {
        json: true,
        options: { receipts: '/dev/full' },
      },
    );
    const log = await erase.run();
    expect(log.failure?.message).toContain('ENOSPC');
    expect(JSON.parse(erase.written.stdout)).toMatchObject({ id: 'good', ok: true, verified: true, recorded: false });
  });

  it('on a terminal, counts the deletes every 50 and at the end', async () => {
    const plan = planOf(['tavus'], ['video']);
    const refs = Array.from({ length: 60 }, (_, i) => ref('tavus', 'video', `t${i}`));
    const erase = await erasing(plan, refs, {}, { tty: true });
    await erase.run();
    const done = (n: number) => `\rdeleting and verifying: ${n} done`;
    expect(erase.written.stderr).toBe(`${done(50)}${done(60)}\n`);
  });

  it.each([
    ['off a terminal', false, false],
    ['with --json', true, true],
  ])('%s, shows no count of the deletes', async (_, tty, json) => {
    const plan = planOf(['tavus'], ['video']);
    const refs = Array.from({ length: 50 }, (_, i) => ref('tavus', 'video', `t${i}`));
    const erase = await erasing(plan, refs, {}, { tty, json });
    await erase.run();
    expect(erase.written.stderr).toBe('');
  });

  it('a job read back deleted or not found is verified; one still there, or a read that fails, is not', async () => {
    const plan = planOf(['tavus'], ['video']);
    const answers: Record<string, () => Promise<Job>> = {
      gone: async () => ({ ...jobOf('tavus', 'video', 'gone'), status: 'deleted' }) as Job,
      missing: async () => Promise.reject(new NotFoundError('no such video', { provider: 'tavus' })),
      there: async () => jobOf('tavus', 'video', 'there'),
      broken: async () => Promise.reject(new Error('socket hang up')),
    };
    const refs = Object.keys(answers).map((id) => ref('tavus', 'video', id));
    const erase = await erasing(plan, refs, { get: (each) => (answers[each.id] as () => Promise<Job>)() });
    await erase.run();
    expect(Object.fromEntries(erase.receipts().map((receipt) => [receipt.id, receipt.verified]))).toEqual({
      gone: true,
      missing: true,
      there: false,
      broken: false,
    });
    expect(erase.tallies.get('tavus')).toMatchObject({ deleted: 4, verified: 2 });
  });

  it('a kind with no read (A2E face swap images) is not read back, and counts as not verifiable', async () => {
    const plan = planOf(['a2e'], ['face-swap-image', 'video']);
    const refs = [ref('a2e', 'face-swap-image', 'f1'), ref('a2e', 'video', 'v1')];
    const erase = await erasing(plan, refs, {});
    await erase.run();
    expect(erase.reads.map((each) => each.id)).toEqual(['v1']);
    const receipts = erase.receipts();
    expect(receipts.find((receipt) => receipt.id === 'f1')).not.toHaveProperty('verified');
    expect(erase.tallies.get('a2e face-swap-image')).toMatchObject({ deleted: 1, verified: 0, unverifiable: 1 });
  });

  it('reads back at most --concurrency jobs at once, and every one of them', async () => {
    const plan = planOf(['tavus'], ['video']);
    const refs = Array.from({ length: 6 }, (_, i) => ref('tavus', 'video', `t${i}`));
    let reading = 0;
    let most = 0;
    const get = async (each: JobRef) => {
      reading += 1;
      most = Math.max(most, reading);
      await new Promise((resolve) => setTimeout(resolve, 5));
      reading -= 1;
      return { ...each, status: 'deleted' } as unknown as Job;
    };
    const erase = await erasing(plan, refs, { get }, { options: { concurrency: 2 } });
    await erase.run();
    expect(most).toBe(2);
    expect(erase.receipts().filter((receipt) => receipt.verified)).toHaveLength(6);
  });

  it('a second Ctrl-C stops a read that hangs; the job is then not verified', async () => {
    const plan = planOf(['tavus'], ['video']);
    let ctrlCAgain = () => {};
    const get = (_: JobRef, options?: GetOptions) =>
      new Promise<Job>((_resolve, reject) => {
        options?.signal?.addEventListener('abort', () => reject(new Error('This operation was aborted')));
        ctrlCAgain();
      });
    const erase = await erasing(plan, [ref('tavus', 'video', 'hangs')], { get });
    ctrlCAgain = erase.ctrlCAgain;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise((resolve) => {
      timer = setTimeout(() => resolve('still reading'), 1000);
    });
    try {
      expect(await Promise.race([erase.run().then(() => 'stopped'), late])).toBe('stopped');
    } finally {
      clearTimeout(timer);
    }
    expect(erase.receipts().map((receipt) => [receipt.id, receipt.ok, receipt.verified])).toEqual([
      ['hangs', true, false],
    ]);
  });

  it("with --from-ledger, tells the ledger which of its jobs were deleted, as the purge's", async () => {
    const plan = planOf(['tavus', 'tensorslab'], ['image', 'video'], { fromLedger: true });
    const marked: unknown[][] = [];
    const ledger = { markErased: async (...args: unknown[]) => void marked.push(args) } as unknown as Ledger;
    const refs = [
      ref('tavus', 'video', 'listed'),
      ref('tensorslab', 'image', 'recorded', { ledger: true, status: undefined }),
      ref('tensorslab', 'image', 'refused', { ledger: true, status: undefined }),
    ];
    // TensorsLab answers an unknown id with a generic error: that confirms nothing.
    const unknown = new MediaJobsError('internal error', { provider: 'tensorslab', code: 9999 });
    const erase = await erasing(
      plan,
      refs,
      {
        refuse: (each) => (each.id === 'refused' ? busy : undefined),
        get: async (each) => (each.provider === 'tensorslab' ? Promise.reject(unknown) : jobOf('tavus', 'video', 'x')),
      },
      { ledger },
    );
    await erase.run();
    expect(marked).toEqual([[[{ provider: 'tensorslab', kind: 'image', id: 'recorded' }], 'purge']]);
    expect(erase.receipts().find((receipt) => receipt.id === 'recorded')).not.toHaveProperty('verified');
  });

  it('with --from-ledger and none of its jobs deleted, leaves the ledger alone', async () => {
    const plan = planOf(['tavus', 'tensorslab'], ['image', 'video'], { fromLedger: true });
    const marked: unknown[] = [];
    const ledger = { markErased: async (...args: unknown[]) => void marked.push(args) } as unknown as Ledger;
    const erase = await erasing(plan, [ref('tavus', 'video', 'listed')], {}, { ledger });
    await erase.run();
    expect(marked).toEqual([]);
  });
});
