// A purge's snapshot: `<receipts>.snapshot.jsonl`, written whole before the first delete. Its first
// line records the filter it was listed with, so that a resumed purge deletes by that filter and no
// other, and the run that listed it, so that a run deletes only from its own listing.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { InvalidArgumentError } from 'commander';
import { type JobRef, type JobStatus, type KindInfo, type Provider, type Vendor, vendorOf } from 'mediajobs';
import { listedUnder, perValueOption } from './registry.js';

/** What a snapshot's first line says it is. */
export const SNAPSHOT_FORMAT = 'mediajobs purge snapshot';
const SNAPSHOT_VERSION = 1;

/** What a purge deletes: jobs of these vendors, kinds and upstreams, created strictly before `cutoff`. */
export interface PurgeFilter {
  /** The age asked for (--older-than), in milliseconds. */
  olderThanMs: number;
  /** The instant the age was counted back from now to, when listing (ISO 8601). */
  cutoff: string;
  providers: Provider[];
  /**
   * The values listed per, for the kinds that list per value of an option (a Bifrost gateway's
   * upstream providers); empty when no such kind is purged.
   */
  upstreams: string[];
  /** The kinds of job listed (--kind; by default each vendor's first). */
  kinds: string[];
  /** --hard: passed to the kinds whose delete takes it (Tavus: assets too, and soft-deleted videos). */
  hard: boolean;
  /** --from-ledger: the kinds that cannot list were found in the ledger, by their recorded creation time. */
  fromLedger?: true;
}

export interface SnapshotHeader {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  /** The run that listed it. */
  run: string;
  listedAt: string;
  filter: PurgeFilter;
}

/** One job as `list` prints it and a snapshot holds it: the shape `delete --from` reads. */
export type ListedRef = JobRef & {
  /** The vendor's status when listed; absent for a ref found in the ledger. */
  status?: JobStatus;
  createdAt?: string;
  /** Found in the ledger (--from-ledger), not in the vendor's list. */
  ledger?: true;
};

/** The line written when a vendor's listing finished. */
export interface ListingDone {
  listed: Provider;
  /** The kind listed (absent in snapshots from before kinds: the vendor's first). */
  kind?: string;
  upstream?: string;
  count: number;
}

export type SnapshotLine =
  | { type: 'header'; header: SnapshotHeader }
  | { type: 'ref'; ref: ListedRef }
  | { type: 'done'; done: ListingDone };

export function headerOf(run: string, filter: PurgeFilter): SnapshotHeader {
  return { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, run, listedAt: new Date().toISOString(), filter };
}

/**
 * The snapshot's lines, read as a stream. A line cut off by a crash or a full disk is not JSON and is left out; so is
 * a line that is JSON but no object (a hand edit): it names no job, and a job left out is a job not deleted.
 */
export async function* snapshotLines(path: string): AsyncGenerator<SnapshotLine> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const text of lines) {
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    if ('format' in value && value.format === SNAPSHOT_FORMAT)
      yield { type: 'header', header: value as unknown as SnapshotHeader };
    else if ('listed' in value) yield { type: 'done', done: value as unknown as ListingDone };
    else yield { type: 'ref', ref: value as unknown as ListedRef };
  }
}

/** The snapshot's header, if its first line is one (a snapshot of an older mediajobs has none). */
export async function readHeader(path: string): Promise<SnapshotHeader | undefined> {
  for await (const line of snapshotLines(path)) {
    return line.type === 'header' && line.header.version === SNAPSHOT_VERSION ? line.header : undefined;
  }
  return undefined;
}

/**
 * How the filter a resumed run asks for differs from the snapshot's, one phrase per difference. Only
 * what the command line gave is compared: what it left out is taken from the snapshot.
 */
export function differences(recorded: PurgeFilter, asked: Partial<PurgeFilter>): string[] {
  const found: string[] = [];
  const sameList = (a: readonly string[], b: readonly string[]) => [...a].sort().join() === [...b].sort().join();
  if (asked.olderThanMs !== undefined && asked.olderThanMs !== recorded.olderThanMs) {
    found.push(
      `--older-than ${formatAge(asked.olderThanMs)}, but the snapshot lists jobs older than ${formatAge(recorded.olderThanMs)} (created before ${recorded.cutoff})`,
    );
  }
  if (asked.providers !== undefined && !sameList(asked.providers, recorded.providers)) {
    found.push(`--provider ${asked.providers.join(',')}, but the snapshot lists ${recorded.providers.join(',')}`);
  }
  if (asked.upstreams !== undefined && !sameList(asked.upstreams, recorded.upstreams)) {
    found.push(
      `--upstream ${asked.upstreams.join(',')}, but the snapshot lists ${recorded.upstreams.join(',') || 'none'}`,
    );
  }
  if (asked.kinds !== undefined && !sameList(asked.kinds, recorded.kinds)) {
    found.push(`--kind ${asked.kinds.join(',')}, but the snapshot lists ${recorded.kinds.join(',')}`);
  }
  if (asked.hard !== undefined && asked.hard !== recorded.hard) {
    found.push(`--hard, but the snapshot was listed without it`);
  }
  return found;
}

/** Why a snapshot's ref lies outside its filter (and must not be deleted); undefined when it is inside. */
export function outsideFilter(ref: ListedRef, filter: PurgeFilter): string | undefined {
  if (!(filter.providers as string[]).includes(ref.provider))
    return `${ref.provider} is not among the filter's vendors`;
  // A ref without a kind is of its vendor's default kind.
  const vendor = vendorOf(ref.provider);
  const kind = vendor?.kinds.find((k) => k.name === (ref.kind ?? vendor.kinds[0].name));
  if (!kind || !filter.kinds.includes(kind.name)) return `its kind ${kind?.name ?? ref.kind} is not the filter's`;
  const created = typeof ref.createdAt === 'string' ? Date.parse(ref.createdAt) : Number.NaN;
  if (Number.isNaN(created)) return 'it has no creation time';
  if (!(created < Date.parse(filter.cutoff))) return `it was created at ${ref.createdAt}, not before ${filter.cutoff}`;
  if (perValueOption(kind) && !filter.upstreams.some((value) => listedUnder(String(ref.id), value))) {
    return "its upstream is not among the filter's";
  }
  return undefined;
}

/** The vendor's kinds the filter purges: those of its kinds that the filter names, in the vendor's order. */
export function filterKindsOf(vendor: Vendor, filter: PurgeFilter): KindInfo[] {
  return vendor.kinds.filter((kind) => filter.kinds.includes(kind.name));
}

const AGE_UNITS = { d: 86_400_000, h: 3_600_000, m: 60_000 } as const;

/** `30d`, `12h`, `90m`: an age needs its unit (a bare `30` would read as seconds and match nearly every job). */
export function age(value: string): number {
  const match = value.trim().match(/^(\d+(?:\.\d+)?)\s*([a-z]*)$/i);
  const units = 'm (minutes), h (hours) or d (days), such as 30d, 12h or 90m';
  if (!match) throw new InvalidArgumentError(`expected a number and a unit: ${units}`);
  const [, amount, unit = ''] = match;
  if (unit === '') throw new InvalidArgumentError(`a bare number is refused: add a unit, ${units}`);
  if (!Object.hasOwn(AGE_UNITS, unit)) throw new InvalidArgumentError(`unknown unit "${unit}"; use ${units}`);
  return Number(amount) * AGE_UNITS[unit as keyof typeof AGE_UNITS];
}

/** An age as --older-than takes it: `30d`, `12h`, `90m` (or milliseconds, for an age of none of these). */
export function formatAge(ms: number): string {
  for (const [unit, size] of Object.entries(AGE_UNITS)) if (ms % size === 0) return `${ms / size}${unit}`;
  return `${ms}ms`;
}
