// A purge's first half: list every vendor into the snapshot, then count what it asks to delete.
import { writeFileSync } from 'node:fs';
import type { Ledger } from '@mediajobs/ledger';
import {
  type KindInfo,
  type ListOptions,
  MAX_JOBS_EXCEEDED,
  type MediaJobs,
  MediaJobsError,
  type Provider,
  vendorOf,
} from 'mediajobs';
import { type Interrupt, messageOf, redactor } from '../common.js';
import type { Io } from '../io.js';
import { listedRefOf, reportSkip } from '../list.js';
import { printable } from '../output.js';
import { ReceiptWriteError, ReceiptWriter } from '../receipts.js';
import { perValueOption } from '../registry.js';
import {
  filterKindsOf,
  headerOf,
  type ListedRef,
  outsideFilter,
  type PurgeFilter,
  snapshotLines,
} from '../snapshot.js';
import { canFind, type Plan, type PurgeCommandOptions } from './plan.js';
import type { Tally } from './tally.js';

/**
 * Lists every vendor (each alone: one that fails does not stop the others) into a fresh snapshot, whose
 * first line is the filter. Returns why nothing may be deleted, if something happened that forbids it:
 * a signal, a snapshot that could not be written whole, or a vendor that never stopped paging.
 */
export async function listIntoSnapshot(
  jobs: MediaJobs,
  { run, filter }: Plan,
  options: PurgeCommandOptions,
  snapshot: string,
  tally: Tally,
  interrupt: Interrupt,
  progress: boolean,
  io: Io,
  /** Where the kinds that cannot list find their candidates (--from-ledger). */
  ledger?: Ledger,
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
  // One listing per vendor and kind, or per value for a kind that lists per value (a gateway's upstreams).
  const lists = filter.providers.flatMap(
    (provider): { provider: Provider; kind: KindInfo; option: Record<string, string>; upstream?: string }[] => {
      const vendor = vendorOf(provider);
      return (vendor ? filterKindsOf(vendor, filter) : [])
        .filter((kind) => canFind(kind, filter.fromLedger))
        .flatMap((kind) => {
          const perValue = perValueOption(kind);
          return perValue
            ? filter.upstreams.map((value) => ({ provider, kind, option: { [perValue.name]: value }, upstream: value }))
            : [{ provider, kind, option: {} }];
        });
    },
  );
  try {
    write(headerOf(run, filter));
    await Promise.all(
      lists.map(async ({ provider, kind, option, upstream }) => {
        let count = 0;
        try {
          const found = kind.list
            ? mapped(
                jobs.list({
                  ...option,
                  provider,
                  kind: kind.name,
                  createdBefore: new Date(filter.cutoff),
                  maxJobs: options.maxJobs,
                  onSkip: reportSkip(io.stderr),
                  signal,
                } as ListOptions),
                listedRefOf,
              )
            : fromLedger(ledger, provider, kind.name, filter.cutoff);
          for await (const ref of found) {
            // Stopped mid-page: no line saying the listing finished, so a --resume notes it did not.
            if (signal.aborted) return;
            write(redactor.value(ref));
            count += 1;
            listed += 1;
            if (listed % 100 === 0) show();
          }
          write({ listed: provider, kind: kind.name, ...(upstream ? { upstream } : {}), count });
        } catch (error) {
          if (writeFailure || signal.aborted) return;
          const name = MediaJobsError.isInstance(error) ? `${error.name}: ` : '';
          const where = upstream ? ` (upstream ${upstream})` : '';
          tally(provider, kind.name).problem = `listing failed${where}: ${name}${printable(messageOf(error))}`;
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

async function* mapped<T, U>(items: AsyncIterable<T>, map: (item: T) => U): AsyncGenerator<U> {
  for await (const item of items) yield map(item);
}

/** A kind's resources recorded in the ledger before the cutoff and not erased yet, as snapshot refs. */
async function* fromLedger(
  ledger: Ledger | undefined,
  provider: Provider,
  kind: string,
  cutoff: string,
): AsyncGenerator<ListedRef> {
  if (!ledger) throw new Error(`${provider} ${kind} cannot list, and no ledger was opened (--from-ledger)`);
  for await (const found of ledger.candidates({ provider, kinds: [kind], createdBefore: new Date(cutoff) })) {
    yield { provider, kind, id: found.id, createdAt: found.createdAt.toISOString(), ledger: true } as ListedRef;
  }
}

/**
 * Counts what the snapshot asks to delete per vendor (soft-deleted Tavus videos aside, unless --hard),
 * and the refs outside its filter, which are never deleted. On --resume, also says which listings did
 * not finish: their vendors may have more old jobs.
 */
export async function countSnapshot(
  snapshot: string,
  plan: Plan,
  options: PurgeCommandOptions,
  tally: Tally,
  io: Io,
): Promise<number> {
  let toDelete = 0;
  // Listings by vendor and kind (a line from before kinds were recorded names the vendor's first),
  // named by the vendor alone where the purge takes one of its kinds.
  const listingOf = (provider: Provider, name: string | undefined) => {
    const vendor = vendorOf(provider);
    const kinds = vendor ? filterKindsOf(vendor, plan.filter) : [];
    return kinds.length > 1 ? `${provider} ${name ?? vendor?.kinds[0].name}` : provider;
  };
  const started = new Set<string>();
  const finished = new Set<string>();
  for await (const line of ownLines(snapshot, plan)) {
    if (line.type === 'done') {
      finished.add(listingOf(line.done.listed, line.done.kind));
      continue;
    }
    const { ref } = line;
    started.add(listingOf(ref.provider, ref.kind));
    const entry = tally(ref.provider, ref.kind);
    entry.matched += 1;
    const outside = outsideFilter(ref, plan.filter);
    if (outside !== undefined) {
      entry.outside += 1;
      io.stderr.write(`not deleting ${ref.provider} ${printable(String(ref.id))}: outside the filter (${outside})\n`);
    } else if (isAlreadyDeleted(ref, plan.filter)) entry.alreadyDeleted += 1;
    else toDelete += 1;
  }
  for (const listing of options.resume ? started : []) {
    if (!finished.has(listing)) {
      io.stderr.write(
        `note: the listing of ${listing} did not finish; run purge again without --resume to find the rest\n`,
      );
    }
  }
  return toDelete;
}

/**
 * The snapshot's refs and listing lines, after checking that its header is this run's (the lock keeps
 * other runs out; this makes sure that a snapshot rewritten all the same is never deleted from).
 */
export async function* ownLines(snapshot: string, plan: Plan) {
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

export const isAlreadyDeleted = (ref: ListedRef, filter: PurgeFilter) => ref.status === 'deleted' && !filter.hard;
