// `mediajobs list` and `mediajobs purge`: list a vendor's jobs, and erase those older than a cutoff.
// A purge lists first and writes every matching ref to a snapshot before its first delete (offset
// pages over a list that shrinks as it is deleted would hide jobs), then deletes from the snapshot
// with a receipt per ref, and reads each job back to verify it is gone.
import { createReadStream, existsSync, writeFileSync } from 'node:fs';
import { createInterface as createLineReader } from 'node:readline';
import { createInterface as createPrompt } from 'node:readline/promises';
import { InvalidArgumentError } from 'commander';
import {
  API_KEY_VARIABLES,
  type Job,
  type JobRef,
  type JobStatus,
  LISTABLE_PROVIDERS,
  type ListableProvider,
  type MediaJobs,
  MediaJobsError,
  PROVIDERS,
  type Provider,
} from 'mediajobs';
import {
  EXIT,
  type GlobalOptions,
  messageOf,
  onInterrupt,
  receiptOf,
  redactor,
  UsageError,
  withJobs,
} from './common.js';
import { okKeysIn, type Receipt, ReceiptWriter, refKey } from './receipts.js';

/** One job as `list` prints it and a snapshot holds it: the shape `delete --from` reads. */
export interface ListedRef {
  provider: Provider;
  id: string;
  kind?: JobRef['kind'];
  status: JobStatus;
  createdAt?: string;
}

/** The snapshot's last line for a vendor whose listing finished. */
interface ListingDone {
  listed: ListableProvider;
  upstream?: string;
  count: number;
}

const UNITS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `30d`, `12h`, `90m`: an age needs its unit (a bare `30` would read as seconds and match nearly every job). */
export function age(value: string): number {
  const match = value.trim().match(/^(\d+(?:\.\d+)?)(m|h|d)$/);
  if (!match) {
    throw new InvalidArgumentError(`expected a number and a unit, such as 30d, 12h or 90m (a bare number is refused)`);
  }
  return Number(match[1]) * UNITS[match[2] as keyof typeof UNITS];
}

export function listedRefOf(job: Job): ListedRef {
  return {
    provider: job.provider,
    id: job.id,
    ...(job.kind ? { kind: job.kind } : {}),
    status: job.status,
    ...(job.createdAt ? { createdAt: job.createdAt.toISOString() } : {}),
  };
}

/** Prints why a job was left out of a date filter: it never matches one, and it changes no exit code. */
function reportSkip(job: Job, reason: string): void {
  process.stderr.write(`skipped ${job.provider} ${job.id}: ${redactor.text(reason)}\n`);
}

export interface ListCommandOptions {
  upstream?: string;
  olderThan?: number;
  newerThan?: number;
  status?: JobStatus[];
  retries?: number;
  retryWait?: number;
}

/** `mediajobs list`: one JSON line per job on stdout. */
export async function runList(provider: ListableProvider, options: ListCommandOptions, globals: GlobalOptions) {
  if (provider === 'bifrost' && !options.upstream) {
    throw new UsageError(
      "bifrost lists per upstream provider: pass --upstream openai (or another of the gateway's providers)",
    );
  }
  const now = Date.now();
  await withJobs(
    globals,
    async (jobs) => {
      const listed = jobs.list({
        provider,
        upstream: options.upstream,
        createdBefore: options.olderThan === undefined ? undefined : new Date(now - options.olderThan),
        createdAfter: options.newerThan === undefined ? undefined : new Date(now - options.newerThan),
        status: options.status,
        onSkip: reportSkip,
      });
      for await (const job of listed) process.stdout.write(`${JSON.stringify(redactor.value(listedRefOf(job)))}\n`);
    },
    { maxRetries: options.retries, retryWaitMs: options.retryWait, providers: [provider] },
  );
  return EXIT.ok;
}

export interface PurgeCommandOptions {
  olderThan: number;
  provider?: Provider[];
  upstream?: string[];
  dryRun?: boolean;
  yes?: boolean;
  receipts: string;
  resume?: boolean;
  hard?: boolean;
  concurrency: number;
  rate?: number;
  retries?: number;
  retryWait?: number;
}

/** Per vendor: what was listed, matched, deleted and verified. */
interface VendorTally {
  matched: number;
  alreadyDeleted: number;
  deleted: number;
  verified: number;
  failed: number;
  /** TensorsLab: named in the summary, not a failure. */
  cannotList?: boolean;
  /** Why the vendor was not purged in full (no key, listing failed): a failure. */
  problem?: string;
}

const isFailure = (entry: VendorTally) =>
  entry.failed > 0 || entry.verified < entry.deleted || entry.problem !== undefined;

/** The vendors a purge covers: those asked for, else every vendor that can list and has a key. */
function vendorsOf(
  options: PurgeCommandOptions,
  globals: GlobalOptions,
): { vendors: Provider[]; cannotList: Provider[] } {
  const keyed = (provider: Provider) => globals.mock || Boolean(process.env[API_KEY_VARIABLES[provider]]);
  const asked = options.provider ?? (['tensorslab', ...LISTABLE_PROVIDERS] as Provider[]).filter(keyed);
  const vendors = asked.filter((provider) => provider !== 'tensorslab');
  const cannotList = asked.filter((provider) => provider === 'tensorslab');
  if (vendors.includes('bifrost') && !options.upstream?.length) {
    throw new UsageError(
      "bifrost lists per upstream provider: pass --upstream openai (or the gateway's other providers, comma-separated)",
    );
  }
  if (vendors.length === 0 && !options.resume) {
    throw new UsageError(
      'no vendor to purge: set TAVUS_API_KEY, BIFROST_API_KEY or A2E_API_KEY, or pass --provider (TensorsLab cannot list)',
    );
  }
  return { vendors, cannotList };
}

/** `mediajobs purge`: returns the exit code. */
export async function runPurge(options: PurgeCommandOptions, globals: GlobalOptions): Promise<number> {
  const { vendors, cannotList } = vendorsOf(options, globals);
  const snapshot = `${options.receipts}.snapshot.jsonl`;
  const cutoff = new Date(Date.now() - options.olderThan);
  const tallies = new Map<Provider, VendorTally>();
  const tally = (provider: Provider) => {
    let entry = tallies.get(provider);
    if (!entry) {
      entry = { matched: 0, alreadyDeleted: 0, deleted: 0, verified: 0, failed: 0 };
      tallies.set(provider, entry);
    }
    return entry;
  };
  const json = Boolean(globals.json);
  const progress = process.stderr.isTTY && !json;

  const interrupt = onInterrupt();
  try {
    return await withJobs(
      globals,
      async (jobs) => {
        if (options.resume) {
          if (!existsSync(snapshot)) throw new UsageError(`--resume needs the snapshot ${snapshot}; it does not exist`);
        } else {
          await listIntoSnapshot(jobs, vendors, options, cutoff, snapshot, tally, progress, interrupt.abort);
        }
        const toDelete = await countSnapshot(snapshot, options, tally);
        for (const provider of cannotList) tally(provider).cannotList = true;
        if (options.dryRun) {
          summarize(
            tallies,
            json,
            `dry run: ${toDelete} jobs older than ${cutoff.toISOString()} would be deleted; see ${snapshot}`,
          );
          return [...tallies.values()].some((entry) => entry.problem !== undefined) ? EXIT.failed : EXIT.ok;
        }
        if (toDelete > 0 && !options.yes && !(await confirmed(toDelete, tallies, snapshot))) return EXIT.usage;
        await deleteAndVerify(jobs, snapshot, options, tally, json, interrupt.drain, interrupt.abort);
        if (interrupt.drain.aborted) {
          process.stderr.write(
            `Interrupted. Resume with: mediajobs purge --older-than <same> --receipts ${options.receipts} --resume --yes\n`,
          );
          return EXIT.interrupted;
        }
        summarize(tallies, json, `receipts in ${options.receipts}`);
        return [...tallies.values()].some(isFailure) ? EXIT.failed : EXIT.ok;
      },
      {
        rate: options.rate,
        maxRetries: options.retries,
        retryWaitMs: options.retryWait,
        // A resumed purge deletes what its snapshot holds, whichever vendors that is.
        providers: options.resume ? PROVIDERS : vendors,
      },
    );
  } finally {
    interrupt.stop();
  }
}

/** Lists every vendor (each alone: one that fails does not stop the others) into a fresh snapshot. */
async function listIntoSnapshot(
  jobs: MediaJobs,
  vendors: Provider[],
  options: PurgeCommandOptions,
  cutoff: Date,
  snapshot: string,
  tally: (provider: Provider) => VendorTally,
  progress: boolean,
  signal: AbortSignal,
): Promise<void> {
  writeFileSync(snapshot, '');
  const writer = new ReceiptWriter(snapshot);
  let listed = 0;
  const show = () => progress && process.stderr.write(`\rlisting: ${listed} jobs older than the cutoff found`);
  const lists = vendors.flatMap((provider): { provider: Provider; upstream?: string }[] =>
    provider === 'bifrost' ? (options.upstream ?? []).map((upstream) => ({ provider, upstream })) : [{ provider }],
  );
  try {
    await Promise.all(
      lists.map(async ({ provider, upstream }) => {
        let count = 0;
        try {
          const found = jobs.list({
            provider: provider as ListableProvider,
            upstream,
            createdBefore: cutoff,
            onSkip: reportSkip,
            signal,
          });
          for await (const job of found) {
            writer.write(redactor.value(listedRefOf(job)));
            count += 1;
            listed += 1;
            if (listed % 100 === 0) show();
          }
          writer.write({ listed: provider, ...(upstream ? { upstream } : {}), count });
        } catch (error) {
          const name = MediaJobsError.isInstance(error) ? `${error.name}: ` : '';
          const where = upstream ? ` (upstream ${upstream})` : '';
          tally(provider).problem = `listing failed${where}: ${name}${messageOf(error)}`;
        }
      }),
    );
  } finally {
    writer.close();
    if (progress) process.stderr.write(`\rlisting: ${listed} jobs older than the cutoff found\n`);
  }
}

/** Lines of the snapshot: refs, and one ListingDone per finished listing. */
async function* snapshotLines(snapshot: string): AsyncGenerator<ListedRef | ListingDone> {
  const lines = createLineReader({ input: createReadStream(snapshot), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const text of lines) {
    if (text.trim() === '') continue;
    try {
      yield JSON.parse(text) as ListedRef | ListingDone;
    } catch {
      // the last line of a killed listing may be incomplete
    }
  }
}

/**
 * Counts what the snapshot asks to delete per vendor (soft-deleted Tavus videos aside, unless --hard).
 * On --resume, also says which listings did not finish: their vendors may have more old jobs.
 */
async function countSnapshot(
  snapshot: string,
  options: PurgeCommandOptions,
  tally: (provider: Provider) => VendorTally,
): Promise<number> {
  let toDelete = 0;
  const started = new Set<Provider>();
  const finished = new Set<Provider>();
  for await (const line of snapshotLines(snapshot)) {
    if ('listed' in line) {
      finished.add(line.listed);
      continue;
    }
    started.add(line.provider);
    const entry = tally(line.provider);
    entry.matched += 1;
    if (isAlreadyDeleted(line, options)) entry.alreadyDeleted += 1;
    else toDelete += 1;
  }
  for (const provider of options.resume ? started : []) {
    if (!finished.has(provider)) {
      process.stderr.write(
        `note: the listing of ${provider} did not finish; run purge again without --resume to find the rest\n`,
      );
    }
  }
  return toDelete;
}

const isAlreadyDeleted = (ref: ListedRef, options: PurgeCommandOptions) => ref.status === 'deleted' && !options.hard;

/** On a terminal, asks; anywhere else, refuses (a purge deletes for good). */
async function confirmed(toDelete: number, tallies: Map<Provider, VendorTally>, snapshot: string): Promise<boolean> {
  const counts = [...tallies]
    .filter(([, entry]) => entry.matched > 0)
    .map(([provider, entry]) => `${provider} ${entry.matched - entry.alreadyDeleted}`)
    .join(', ');
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    process.stderr.write(
      `mediajobs: refusing to delete ${toDelete} jobs (${counts}) without --yes when not on a terminal. ` +
        `Review ${snapshot}, then run the same purge with --resume --yes.\n`,
    );
    return false;
  }
  const prompt = createPrompt({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(`Delete ${toDelete} jobs (${counts}) for good? Listed in ${snapshot}. [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}

/**
 * Deletes the snapshot's refs (minus those with an ok receipt), then reads each one back: deleted,
 * or not found (404, Tavus's 400 `Invalid video_id`), marks its receipt `verified: true`.
 */
async function deleteAndVerify(
  jobs: MediaJobs,
  snapshot: string,
  options: PurgeCommandOptions,
  tally: (provider: Provider) => VendorTally,
  json: boolean,
  drain: AbortSignal,
  signal: AbortSignal,
): Promise<void> {
  const done = options.resume ? await okKeysIn(options.receipts) : new Set<string>();
  const writer = new ReceiptWriter(options.receipts);
  let written = 0;
  const record = (ref: ListedRef, error?: unknown, verified?: boolean) => {
    const receipt: Receipt = { ...receiptOf(ref, error), ...(verified === undefined ? {} : { verified }) };
    writer.write(receipt);
    const entry = tally(ref.provider);
    if (receipt.ok) entry.deleted += 1;
    else entry.failed += 1;
    if (verified) entry.verified += 1;
    written += 1;
    if (json) process.stdout.write(`${JSON.stringify(receipt)}\n`);
    else if (!receipt.ok)
      process.stdout.write(`FAILED   ${ref.provider} ${ref.id}: ${receipt.error?.name}: ${receipt.error?.message}\n`);
    if (process.stderr.isTTY && !json && written % 50 === 0)
      process.stderr.write(`\rdeleting and verifying: ${written} done`);
  };
  async function* refs(): AsyncGenerator<JobRef & ListedRef> {
    for await (const line of snapshotLines(snapshot)) {
      if (drain.aborted) return;
      if ('listed' in line || isAlreadyDeleted(line, options) || done.has(refKey(line))) continue;
      yield line;
    }
  }
  const verifying = new Set<Promise<void>>();
  const verify = async (ref: ListedRef) => {
    try {
      const job = await jobs.get(ref, { signal });
      record(ref, undefined, job.status === 'deleted');
    } catch (error) {
      record(ref, undefined, MediaJobsError.isInstance(error) && error.name === 'NotFoundError');
    }
  };
  try {
    const outcomes = jobs.deleteEach(refs(), {
      concurrency: options.concurrency,
      hard: options.hard,
      drain,
      signal,
      notFoundIsDeleted: options.resume,
    });
    for await (const outcome of outcomes) {
      const ref = outcome.ref as ListedRef;
      if (!outcome.ok) {
        record(ref, outcome.error);
        continue;
      }
      const check: Promise<void> = verify(ref).finally(() => verifying.delete(check));
      verifying.add(check);
      if (verifying.size >= options.concurrency) await Promise.race(verifying);
    }
    await Promise.all(verifying);
  } finally {
    writer.close();
    if (process.stderr.isTTY && !json) process.stderr.write(`\rdeleting and verifying: ${written} done\n`);
  }
}

function summarize(tallies: Map<Provider, VendorTally>, json: boolean, closing: string): void {
  if (json) {
    process.stdout.write(`${JSON.stringify({ summary: Object.fromEntries(tallies) })}\n`);
    return;
  }
  for (const [provider, entry] of tallies) {
    if (entry.cannotList) {
      process.stdout.write(`${provider}: cannot list (no list endpoint; delete the ids you recorded)\n`);
      continue;
    }
    if (entry.problem && entry.matched === 0) {
      process.stdout.write(`${provider}: ${entry.problem}\n`);
      continue;
    }
    const parts = [`matched ${entry.matched}`];
    if (entry.alreadyDeleted) parts.push(`already deleted ${entry.alreadyDeleted}`);
    parts.push(`deleted ${entry.deleted}`, `verified gone ${entry.verified}`, `failed ${entry.failed}`);
    process.stdout.write(`${provider}: ${parts.join(', ')}${entry.problem ? ` (${entry.problem})` : ''}\n`);
  }
  process.stdout.write(`${closing}\n`);
}
