// What a purge counts per vendor, and the summary it prints from the counts.
import { type Provider, vendorOf } from 'mediajobs';
import type { Io } from '../io.js';
import { filterKindsOf, type PurgeFilter } from '../snapshot.js';

/** Per vendor: what was listed, matched, deleted and verified. */
export interface VendorTally {
  matched: number;
  alreadyDeleted: number;
  deleted: number;
  verified: number;
  /** Deleted, of a kind the vendor gives no read for: the delete's answer is all there is (not a failure). */
  unverifiable: number;
  failed: number;
  /** Refs in the snapshot outside its filter: never deleted, and a failure. */
  outside: number;
  /** A vendor whose kind cannot list: named in the summary, not a failure. */
  cannotList?: boolean;
  /** Why a vendor was left out that was not asked for by name (one listing per upstream, none given): not a failure. */
  skipped?: string;
  /** Why the vendor was not purged in full (no key, listing failed): a failure. */
  problem?: string;
  /** For a kind whose delete takes `hard`: whether this purge deletes hard (said in the summary). */
  hard?: boolean;
}

/** A tally per vendor, or per vendor and kind where the purge takes several of the vendor's kinds. */
export type Tally = (provider: Provider, kind?: string) => VendorTally;

/** The tallies of one purge, labelled `tavus`, or `tavus replica` when it takes several Tavus kinds. */
export function createTallies(filter: PurgeFilter): { tallies: Map<string, VendorTally>; tally: Tally } {
  const tallies = new Map<string, VendorTally>();
  const tally: Tally = (provider, name) => {
    const vendor = vendorOf(provider);
    const kinds = vendor ? filterKindsOf(vendor, filter) : [];
    const kind = vendor?.kinds.find((k) => k.name === (name ?? vendor.kinds[0].name));
    const label = kinds.length > 1 && kind ? `${provider} ${kind.name}` : provider;
    let entry = tallies.get(label);
    if (!entry) {
      entry = { matched: 0, alreadyDeleted: 0, deleted: 0, verified: 0, unverifiable: 0, failed: 0, outside: 0 };
      if (kind && Object.hasOwn(kind.deleteOptions, 'hard')) entry.hard = filter.hard;
      tallies.set(label, entry);
    }
    return entry;
  };
  return { tallies, tally };
}

export const isFailure = (entry: VendorTally) =>
  entry.failed > 0 ||
  entry.outside > 0 ||
  entry.verified + entry.unverifiable < entry.deleted ||
  entry.problem !== undefined;

export function summarize(io: Io, tallies: Map<string, VendorTally>, json: boolean, closing: string): void {
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
    const how = entry.hard === undefined ? '' : entry.hard ? ' (hard)' : ' (not hard: --hard deletes its assets too)';
    parts.push(`deleted ${entry.deleted}${how}`, `verified gone ${entry.verified}`);
    if (entry.unverifiable) parts.push(`not verifiable (no read endpoint) ${entry.unverifiable}`);
    parts.push(`failed ${entry.failed}`);
    io.stdout.write(`${provider}: ${parts.join(', ')}${entry.problem ? ` (${entry.problem})` : ''}\n`);
  }
  io.stdout.write(`${closing}\n`);
}
