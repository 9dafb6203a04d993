// What a purge counts per vendor, and the summary it prints from the counts.
import type { Provider } from 'mediajobs';
import type { Io } from '../io.js';

/** Per vendor: what was listed, matched, deleted and verified. */
export interface VendorTally {
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

export const isFailure = (entry: VendorTally) =>
  entry.failed > 0 || entry.outside > 0 || entry.verified < entry.deleted || entry.problem !== undefined;

export function summarize(io: Io, tallies: Map<Provider, VendorTally>, json: boolean, closing: string): void {
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
