// `mediajobs purge`: erase every job older than a cutoff. A purge lists first and writes every matching
// ref to a snapshot before its first delete (offset pages over a list that shrinks as it is deleted
// would hide jobs), then deletes from the snapshot with a receipt per ref, and reads each job back to
// verify it is gone. It deletes only what its filter matches: one run at a time per receipts file (a
// lock), the snapshot's filter recorded and enforced on --resume, and each ref checked against it again
// just before its delete.
import { randomUUID } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { createInterface as createPrompt } from 'node:readline/promises';
import {
  API_KEY_VARIABLES,
  type JobRef,
  type KindInfo,
  type ListOptions,
  MAX_JOBS_EXCEEDED,
  type MediaJobs,
  MediaJobsError,
  NotFoundError,
  PROVIDERS,
  type Provider,
  vendorOf,
} from 'mediajobs';
import {
  EXIT,
  type GlobalOptions,
  type Interrupt,
  messageOf,
  onInterrupt,
  receiptOf,
  redactor,
  withJobs,
} from './common.js';
import type { Io } from './io.js';
import { listedRefOf, reportSkip } from './list.js';
import { lockFile } from './lock.js';
import { humanLine, printable } from './output.js';
import { ReceiptLog } from './receipt-log.js';
import { OkReceipts, type Receipt, ReceiptWriteError, ReceiptWriter } from './receipts.js';
import { kindFor, perValueOption } from './registry.js';
import {
  differences,
  filterKindOf,
  formatAge,
  headerOf,
  type ListedRef,
  outsideFilter,
  type PurgeFilter,
  readHeader,
  snapshotLines,
} from './snapshot.js';
import { UsageError } from './usage-error.js';

export interface PurgeCommandOptions {
  olderThan?: number;
  provider?: Provider[];
  /** The kind to purge at each vendor (default: each vendor's first). */
  kind?: string;
  /** The values of the per-value list option (a Bifrost gateway's upstreams), comma-separated. */
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
  timeout?: number;
  maxJobs?: number;
}

/** Per vendor: what was listed, matched, deleted and verified. */
interface VendorTally {
  matched: number;
  alreadyDeleted: number;
  deleted: number;
  verified: number;
  failed: number;
  /** Refs in the snapshot outside its filter: never deleted, and a failure. */
  outside: number;
  /** A vendor whose kind cannot list: named in the summary, not a failure. */
  cannotList?: boolean;
  /** Why a vendor was left out that was not asked for by name (one listing per upstream, none given): not a failure. */
  skipped?: string;
  /** Why the vendor was not purged in full (no key, listing failed): a failure. */
  problem?: string;
}

const isFailure = (entry: VendorTally) =>
  entry.failed > 0 || entry.outside > 0 || entry.verified < entry.deleted || entry.problem !== undefined;

/** What a run deletes by: its filter, and the listing (run) it may delete from. */
interface Plan {
  run: string;
  filter: PurgeFilter;
  /** Named in the summary as unable to list. */
  cannotList: Provider[];
  /** Vendors left out, with why: named in the summary. */
  skipped: { provider: Provider; reason: string }[];
}

/**
 * The values a kind that lists per value of an option (a gateway's upstream providers) is listed with;
 * the snapshot's filter records them as `upstreams`. undefined for a kind that lists once.
 */
function perValueOf(kind: KindInfo): { name: string; example: string } | undefined {
  const perValue = perValueOption(kind);
  return perValue && { name: perValue.name, example: perValue.option.example ?? `<${perValue.name}>` };
}

/** A fresh purge: the vendors asked for, else every vendor whose kind lists and has a key. */
function freshPlan(options: PurgeCommandOptions, globals: GlobalOptions): Plan {
  if (options.olderThan === undefined) {
    throw new UsageError('purge needs --older-than <age> (30d, 12h, 90m), or --resume to go on with a snapshot');
  }
  const keyed = (provider: Provider) => globals.mock || Boolean(globals.io.env[API_KEY_VARIABLES[provider]]);
  // Asked for by name, a vendor without the kind is the facade's error (exit 2); else those with it.
  const hasKind = (provider: Provider) => {
    const vendor = vendorOf(provider);
    return vendor !== undefined && (options.kind === undefined || vendor.kinds.some((k) => k.name === options.kind));
  };
  const asked = options.provider ?? PROVIDERS.filter(hasKind).filter(keyed);
  const kinds = new Map(asked.map((provider) => [provider, kindFor(provider, options.kind).kind]));
  const lists = (provider: Provider) => kinds.get(provider)?.list === true;
  let providers = asked.filter(lists);
  const skipped: Plan['skipped'] = [];
  const values = options.upstream ?? [];
  for (const provider of providers) {
    const perValue = perValueOf(kinds.get(provider) as KindInfo);
    if (!perValue || values.length > 0) continue;
    const pass = `pass --${perValue.name} ${perValue.example} (or the gateway's other providers, comma-separated)`;
    // Asked for by name, a vendor without its values is a mistake; found by its key, it is left out.
    if (options.provider) throw new UsageError(`${provider} lists per ${perValue.name} provider: ${pass}`);
    skipped.push({ provider, reason: `skipped: it lists per ${perValue.name} provider; ${pass} to purge it` });
  }
  providers = providers.filter((provider) => !skipped.some((skip) => skip.provider === provider));
  const cannotList = asked.filter((provider) => !lists(provider));
  if (providers.length === 0) {
    const listing = PROVIDERS.filter((provider) => hasKind(provider) && kindFor(provider, options.kind).kind.list);
    const unlisting = PROVIDERS.filter((provider) => hasKind(provider) && !kindFor(provider, options.kind).kind.list);
    const keys = listing.map((provider) => API_KEY_VARIABLES[provider]);
    const set = keys.length > 1 ? `${keys.slice(0, -1).join(', ')} or ${keys.at(-1)}` : keys.join('');
    const cannot = unlisting.length > 0 ? ` (${unlisting.join(', ')} cannot list)` : '';
    const needs = skipped
      .map(({ provider }) => `${provider} needs --${perValueOf(kinds.get(provider) as KindInfo)?.name}`)
      .join('; ');
    throw new UsageError(`no vendor to purge: set ${set}, or pass --provider${cannot}${needs ? `; ${needs}` : ''}`);
  }
  const filter: PurgeFilter = {
    olderThanMs: options.olderThan,
    cutoff: new Date(Date.now() - options.olderThan).toISOString(),
    providers: [...providers].sort(),
    upstreams: providers.some((provider) => perValueOf(kinds.get(provider) as KindInfo)) ? [...values].sort() : [],
    kinds: [...new Set(providers.map((provider) => (kinds.get(provider) as KindInfo).name))].sort(),
    hard: Boolean(options.hard),
  };
  return { run: randomUUID(), filter, cannotList, skipped };
}

/** A resumed purge: the snapshot's filter, refused when the command line asks for another. */
async function resumedPlan(options: PurgeCommandOptions, snapshot: string): Promise<Plan> {
  if (!existsSync(snapshot)) throw new UsageError(`--resume needs the snapshot ${snapshot}; it does not exist`);
  const header = await readHeader(snapshot);
  if (!header) {
    throw new UsageError(
      `${snapshot} does not start with the filter it was listed with (an older mediajobs wrote it, or it is not a purge snapshot), so it cannot be resumed safely; run the purge again without --resume`,
    );
  }
  const asked: Partial<PurgeFilter> = {
    olderThanMs: options.olderThan,
    // Vendors whose kind cannot list are never in a snapshot (they are named in the summary instead).
    providers: options.provider?.filter((provider) => {
      const vendor = vendorOf(provider);
      const name = options.kind ?? (vendor && filterKindOf(vendor, header.filter)?.name);
      return vendor?.kinds.find((kind) => kind.name === name)?.list ?? true;
    }),
    upstreams: options.upstream,
    kinds: options.kind === undefined ? undefined : [options.kind],
    hard: options.hard || undefined,
  };
  const differ = differences(header.filter, asked);
  if (differ.length > 0) {
    throw new UsageError(
      `--resume would delete by another filter than the snapshot's: ${differ.join('; ')}. ` +
        "Resume with the snapshot's filter (leave those options out), or list anew without --resume",
    );
  }
  return { run: header.run, filter: header.filter, cannotList: [], skipped: [] };
}

/** `mediajobs purge`: returns the exit code. */
export async function runPurge(options: PurgeCommandOptions, globals: GlobalOptions): Promise<number> {
  const snapshot = `${options.receipts}.snapshot.jsonl`;
  // Checked before the lock is taken: a usage error leaves no lock behind to explain.
  const plan = options.resume ? undefined : freshPlan(options, globals);
  // One run per receipts file and snapshot: another would rewrite the listing this one deletes from.
  const lock = lockFile(options.receipts);
  const interrupt = onInterrupt(globals.io.stderr);
  try {
    return await purge(plan ?? (await resumedPlan(options, snapshot)), snapshot, options, globals, interrupt);
  } finally {
    interrupt.stop();
    lock.release();
  }
}

async function purge(
  plan: Plan,
  snapshot: string,
  options: PurgeCommandOptions,
  globals: GlobalOptions,
  interrupt: Interrupt,
): Promise<number> {
  const { filter } = plan;
  const tallies = new Map<Provider, VendorTally>();
  const tally = (provider: Provider) => {
    let entry = tallies.get(provider);
    if (!entry) {
      entry = { matched: 0, alreadyDeleted: 0, deleted: 0, verified: 0, failed: 0, outside: 0 };
      tallies.set(provider, entry);
    }
    return entry;
  };
  const json = Boolean(globals.json);
  const { io } = globals;
  const resume = `mediajobs purge --receipts ${options.receipts} --resume --yes`;
  return withJobs(
    globals,
    async (jobs) => {
      if (!options.resume) {
        const progress = Boolean(io.stderr.isTTY) && !json;
        const stopped = await listIntoSnapshot(jobs, plan, options, snapshot, tally, interrupt, progress, io);
        if (stopped !== undefined) {
          summarize(io, tallies, json, `nothing was deleted: ${stopped}`);
          return interrupt.drain.aborted ? interrupt.exitCode() : EXIT.failed;
        }
      }
      const toDelete = await countSnapshot(snapshot, plan, options, tally, io);
      for (const provider of plan.cannotList) tally(provider).cannotList = true;
      for (const { provider, reason } of plan.skipped) tally(provider).skipped = reason;
      const matching = `jobs older than ${formatAge(filter.olderThanMs)} (created before ${filter.cutoff})`;
      if (options.dryRun) {
        summarize(io, tallies, json, `dry run: ${toDelete} ${matching} would be deleted; see ${printable(snapshot)}`);
        return [...tallies.values()].some(isFailure) ? EXIT.failed : EXIT.ok;
      }
      if (toDelete > 0 && !options.yes && !(await confirmed(toDelete, tallies, snapshot, io))) return EXIT.usage;
      const log = await deleteAndVerify(jobs, snapshot, plan, options, tally, json, interrupt, io);
      if (log.failure) {
        summarize(io, tallies, json, `receipts in ${printable(options.receipts)}, incomplete`);
        log.report(resume);
        return EXIT.failed;
      }
      if (interrupt.drain.aborted) {
        io.stderr.write(`Interrupted. Resume with: ${printable(resume)}\n`);
        return interrupt.exitCode();
      }
      summarize(io, tallies, json, `receipts in ${printable(options.receipts)}`);
      return [...tallies.values()].some(isFailure) ? EXIT.failed : EXIT.ok;
    },
    {
      rate: options.rate,
      maxRetries: options.retries,
      retryWaitMs: options.retryWait,
      timeoutMs: options.timeout,
      providers: filter.providers,
    },
  );
}

/**
 * Lists every vendor (each alone: one that fails does not stop the others) into a fresh snapshot, whose
 * first line is the filter. Returns why nothing may be deleted, if something happened that forbids it:
 * a signal, a snapshot that could not be written whole, or a vendor that never stopped paging.
 */
async function listIntoSnapshot(
  jobs: MediaJobs,
  { run, filter }: Plan,
  options: PurgeCommandOptions,
  snapshot: string,
  tally: (provider: Provider) => VendorTally,
  interrupt: Interrupt,
  progress: boolean,
  io: Io,
): Promise<string | undefined> {
  writeFileSync(snapshot, '');
  const writer = new ReceiptWriter(snapshot, 'close');
  const stop = new AbortController();
  const signal = AbortSignal.any([interrupt.drain, stop.signal]);
  let writeFailure: ReceiptWriteError | undefined;
  let endless: string | undefined;
  const write = (line: object) => {
    try {
      writer.write(line);
    } catch (error) {
      if (error instanceof ReceiptWriteError) writeFailure ??= error;
      stop.abort();
      throw error;
    }
  };
  let listed = 0;
  const show = () => progress && io.stderr.write(`\rlisting: ${listed} jobs older than the cutoff found`);
  // One listing per vendor, or per value for a kind that lists per value (a gateway's upstreams).
  const lists = filter.providers.flatMap(
    (provider): { provider: Provider; kind: KindInfo; option: Record<string, string>; upstream?: string }[] => {
      const vendor = vendorOf(provider);
      const kind = vendor && filterKindOf(vendor, filter);
      if (!kind) return [];
      const perValue = perValueOption(kind);
      return perValue
        ? filter.upstreams.map((value) => ({ provider, kind, option: { [perValue.name]: value }, upstream: value }))
        : [{ provider, kind, option: {} }];
    },
  );
  try {
    write(headerOf(run, filter));
    await Promise.all(
      lists.map(async ({ provider, kind, option, upstream }) => {
        let count = 0;
        try {
          const found = jobs.list({
            ...option,
            provider,
            kind: kind.name,
            createdBefore: new Date(filter.cutoff),
            maxJobs: options.maxJobs,
            onSkip: reportSkip(io.stderr),
            signal,
          } as ListOptions);
          for await (const job of found) {
            write(redactor.value(listedRefOf(job)));
            count += 1;
            listed += 1;
            if (listed % 100 === 0) show();
          }
          write({ listed: provider, ...(upstream ? { upstream } : {}), count });
        } catch (error) {
          if (writeFailure || signal.aborted) return;
          const name = MediaJobsError.isInstance(error) ? `${error.name}: ` : '';
          const where = upstream ? ` (upstream ${upstream})` : '';
          tally(provider).problem = `listing failed${where}: ${name}${printable(messageOf(error))}`;
          if (MediaJobsError.isInstance(error) && error.code === MAX_JOBS_EXCEEDED) {
            endless = `the listing of ${provider}${where} passed --max-jobs`;
            stop.abort();
          }
        }
      }),
    );
  } catch {
    // the header could not be written: writeFailure says why
  } finally {
    try {
      writer.close();
    } catch (error) {
      if (error instanceof ReceiptWriteError) writeFailure ??= error;
    }
    if (progress) io.stderr.write(`\rlisting: ${listed} jobs older than the cutoff found\n`);
  }
  if (writeFailure) return `${printable(writeFailure.message)}; free some space and run the purge again`;
  if (endless) return endless;
  if (interrupt.drain.aborted) return 'interrupted while listing';
  return undefined;
}

/**
 * Counts what the snapshot asks to delete per vendor (soft-deleted Tavus videos aside, unless --hard),
 * and the refs outside its filter, which are never deleted. On --resume, also says which listings did
 * not finish: their vendors may have more old jobs.
 */
async function countSnapshot(
  snapshot: string,
  plan: Plan,
  options: PurgeCommandOptions,
  tally: (provider: Provider) => VendorTally,
  io: Io,
): Promise<number> {
  let toDelete = 0;
  const started = new Set<Provider>();
  const finished = new Set<Provider>();
  for await (const line of ownLines(snapshot, plan)) {
    if (line.type === 'done') {
      finished.add(line.done.listed);
      continue;
    }
    const { ref } = line;
    started.add(ref.provider);
    const entry = tally(ref.provider);
    entry.matched += 1;
    const outside = outsideFilter(ref, plan.filter);
    if (outside !== undefined) {
      entry.outside += 1;
      io.stderr.write(`not deleting ${ref.provider} ${printable(String(ref.id))}: outside the filter (${outside})\n`);
    } else if (isAlreadyDeleted(ref, plan.filter)) entry.alreadyDeleted += 1;
    else toDelete += 1;
  }
  for (const provider of options.resume ? started : []) {
    if (!finished.has(provider)) {
      io.stderr.write(
        `note: the listing of ${provider} did not finish; run purge again without --resume to find the rest\n`,
      );
    }
  }
  return toDelete;
}

/**
 * The snapshot's refs and listing lines, after checking that its header is this run's (the lock keeps
 * other runs out; this makes sure that a snapshot rewritten all the same is never deleted from).
 */
async function* ownLines(snapshot: string, plan: Plan) {
  let header = false;
  for await (const line of snapshotLines(snapshot)) {
    if (line.type === 'header') {
      header = line.header.run === plan.run;
      if (!header)
        throw new Error(`${snapshot} was rewritten by another run while this one used it; nothing more is deleted`);
      continue;
    }
    if (!header) throw new Error(`${snapshot} lost its first line (the filter); nothing is deleted from it`);
    yield line;
  }
}

const isAlreadyDeleted = (ref: ListedRef, filter: PurgeFilter) => ref.status === 'deleted' && !filter.hard;

/** On a terminal, asks; anywhere else, refuses (a purge deletes for good). */
async function confirmed(
  toDelete: number,
  tallies: Map<Provider, VendorTally>,
  snapshot: string,
  io: Io,
): Promise<boolean> {
  const counts = [...tallies]
    .filter(([, entry]) => entry.matched > 0)
    .map(([provider, entry]) => `${provider} ${entry.matched - entry.alreadyDeleted - entry.outside}`)
    .join(', ');
  if (!io.stdin.isTTY || !io.stderr.isTTY) {
    io.stderr.write(
      `mediajobs: refusing to delete ${toDelete} jobs (${counts}) without --yes when not on a terminal. ` +
        `Review ${printable(snapshot)}, then run the same purge with --resume --yes.\n`,
    );
    return false;
  }
  const prompt = createPrompt({ input: io.stdin, output: io.stderr as NodeJS.WritableStream });
  try {
    const answer = await prompt.question(
      `Delete ${toDelete} jobs (${counts}) for good? Listed in ${printable(snapshot)}. [y/N] `,
    );
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}

/**
 * Deletes the snapshot's refs inside its filter (minus those with an ok receipt), then reads each one
 * back: deleted, or not found (404, Tavus's 400 `Invalid video_id`), marks its receipt `verified: true`.
 * Returns the receipt log, which knows whether every outcome was recorded.
 */
async function deleteAndVerify(
  jobs: MediaJobs,
  snapshot: string,
  plan: Plan,
  options: PurgeCommandOptions,
  tally: (provider: Provider) => VendorTally,
  json: boolean,
  { drain, abort, stopStarting }: Interrupt,
  io: Io,
): Promise<ReceiptLog> {
  const done = options.resume ? await OkReceipts.read(options.receipts) : undefined;
  const log = new ReceiptLog(new ReceiptWriter(options.receipts), stopStarting, io.stderr);
  let written = 0;
  const record = (ref: ListedRef, error?: unknown, verified?: boolean) => {
    const receipt: Receipt = { ...receiptOf(ref, error), ...(verified === undefined ? {} : { verified }) };
    const recorded = log.record(receipt);
    const entry = tally(ref.provider);
    if (receipt.ok) entry.deleted += 1;
    else entry.failed += 1;
    if (verified) entry.verified += 1;
    written += 1;
    if (json) io.stdout.write(`${JSON.stringify(recorded ? receipt : { ...receipt, recorded: false })}\n`);
    else if (!receipt.ok) {
      io.stdout.write(`${humanLine(receipt)}\n`);
    }
    if (io.stderr.isTTY && !json && written % 50 === 0) io.stderr.write(`\rdeleting and verifying: ${written} done`);
  };
  async function* refs(): AsyncGenerator<JobRef & ListedRef> {
    for await (const line of ownLines(snapshot, plan)) {
      if (drain.aborted) return;
      if (line.type !== 'ref') continue;
      const { ref } = line;
      if (outsideFilter(ref, plan.filter) !== undefined || isAlreadyDeleted(ref, plan.filter) || done?.has(ref)) {
        continue;
      }
      yield ref;
    }
  }
  const verifying = new Set<Promise<void>>();
  const verify = async (ref: ListedRef) => {
    try {
      const job = await jobs.get(ref, { signal: abort });
      record(ref, undefined, job.status === 'deleted');
    } catch (error) {
      record(ref, undefined, NotFoundError.isInstance(error));
    }
  };
  try {
    const outcomes = jobs.deleteEach(refs(), {
      concurrency: options.concurrency,
      hard: plan.filter.hard,
      drain,
      signal: abort,
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
    log.close();
    if (io.stderr.isTTY && !json) io.stderr.write(`\rdeleting and verifying: ${written} done\n`);
  }
  return log;
}

function summarize(io: Io, tallies: Map<Provider, VendorTally>, json: boolean, closing: string): void {
  if (json) {
    io.stdout.write(`${JSON.stringify({ summary: Object.fromEntries(tallies) })}\n`);
    return;
  }
  for (const [provider, entry] of tallies) {
    if (entry.cannotList) {
      io.stdout.write(`${provider}: cannot list (no list endpoint; delete the ids you recorded)\n`);
      continue;
    }
    if (entry.skipped) {
      io.stdout.write(`${provider}: ${entry.skipped}\n`);
      continue;
    }
    if (entry.problem && entry.matched === 0) {
      io.stdout.write(`${provider}: ${entry.problem}\n`);
      continue;
    }
    const parts = [`matched ${entry.matched}`];
    if (entry.alreadyDeleted) parts.push(`already deleted ${entry.alreadyDeleted}`);
    if (entry.outside) parts.push(`outside the filter, not deleted ${entry.outside}`);
    parts.push(`deleted ${entry.deleted}`, `verified gone ${entry.verified}`, `failed ${entry.failed}`);
    io.stdout.write(`${provider}: ${parts.join(', ')}${entry.problem ? ` (${entry.problem})` : ''}\n`);
  }
  io.stdout.write(`${closing}\n`);
}
