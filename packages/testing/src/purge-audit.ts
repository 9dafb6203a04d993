// Purge accounting: what a purge by age must leave on the server, checked against the ledger.
import type { SeededJob } from './inventory.js';
import { jobKey, type Ledger } from './server.js';

export interface PurgeAudit {
  /** Seeded jobs created before the cutoff (soft-deleted Tavus videos included). */
  old: number;
  young: number;
  /** Old jobs the server still holds (not deleted, not soft-deleted before, not stock): must be 0. */
  oldLeft: number;
  /** Stock items (the vendor's own, such as Tavus's system replicas) deleted: must be 0. */
  stockDeleted: number;
  /** Young jobs deleted: must be 0. */
  youngDeleted: number;
  /** Soft-deleted Tavus videos deleted again (without --hard): must be 0. */
  softDeletedAgain: number;
  /** Receipts with ok: true, and how many of them name a job twice (must be 0) or were verified gone. */
  okReceipts: number;
  duplicateReceipts: number;
  verified: number;
  /** Ok receipts of kinds that cannot be read back (no `verified` to expect). */
  unverifiable: number;
  /** Old jobs without an ok receipt, soft-deleted ones aside: must be 0. */
  oldWithoutReceipt: number;
  requests: number;
  faults: Record<string, number>;
}

export function auditPurge(
  seeded: readonly SeededJob[],
  ledger: Ledger,
  receipts: readonly { provider?: string; kind?: string; id?: string; ok?: boolean; verified?: boolean }[],
  cutoffMs: number,
  /** Whether a kind can be read back (verified); by default every kind can. */
  readable: (provider: string, kind: string | undefined) => boolean = () => true,
): PurgeAudit {
  const deleted = (job: SeededJob) => ledger.deleted.has(jobKey(job.provider, job.kind, job.id));
  const old = seeded.filter((job) => job.createdAtMs < cutoffMs && !job.system);
  const ok = receipts.filter((receipt) => receipt.ok === true);
  const okIds = new Set(ok.map((receipt) => receipt.id));
  const unverifiable = ok.filter((receipt) => !readable(receipt.provider ?? '', receipt.kind)).length;
  return {
    old: old.length,
    young: seeded.filter((job) => job.createdAtMs >= cutoffMs && !job.system).length,
    oldLeft: old.filter((job) => !job.softDeleted && !deleted(job)).length,
    stockDeleted: seeded.filter((job) => job.system && deleted(job)).length,
    youngDeleted: seeded.filter((job) => job.createdAtMs >= cutoffMs && deleted(job)).length,
    softDeletedAgain: old.filter((job) => job.softDeleted && deleted(job)).length,
    okReceipts: ok.length,
    duplicateReceipts: ok.length - okIds.size,
    verified: ok.filter((receipt) => receipt.verified === true).length,
    unverifiable,
    oldWithoutReceipt: old.filter((job) => !job.softDeleted && !okIds.has(job.id)).length,
    requests: [...ledger.requests.values()].reduce((sum, count) => sum + count, 0),
    faults: Object.fromEntries(ledger.faults),
  };
}

/** The purge audit's checks that must hold; empty when all do. */
export function purgeViolations(audit: PurgeAudit): string[] {
  const mustBeZero = [
    'oldLeft',
    'youngDeleted',
    'stockDeleted',
    'softDeletedAgain',
    'duplicateReceipts',
    'oldWithoutReceipt',
  ] as const;
  const violations = mustBeZero.filter((field) => audit[field] !== 0).map((field) => `${field}: ${audit[field]}`);
  const unverified = audit.okReceipts - audit.unverifiable - audit.verified;
  if (unverified !== 0) violations.push(`unverified: ${unverified}`);
  return violations;
}

/**
 * The purge soak: 20,000 resources over every kind that lists at Tavus, Bifrost and A2E (seedJobs with
 * `kinds: 'listing'`, stock items among them), purged with `--kind all`, at 20% faults a retry gets past
 * (random 429s aside: the adaptive rate would pace against them; throttling has its own soak), and the
 * command-line flags that make 20% faults unable to exhaust the retries.
 */
export const PURGE_SOAK = {
  jobs: 20_000,
  kinds: 'listing',
  server: { faultRate: 0.2, faults: ['http500', 'http502Html', 'http503', 'reset', 'truncated'] as const },
  flags: ['--kind', 'all', '--retries', '10', '--retry-wait', '5ms', '--concurrency', '16'],
} as const;
