// The evidence of one erasure request, built from the ledger's tables (never kept apart from them, so
// it cannot disagree with them): when it was asked and finished, what happened to every resource of
// the subject, counts per vendor and kind, and a short summary for people.
import type { Db } from './db.js';
import { LedgerInputError } from './errors.js';
import { type ErasureOutcome, type OutcomeRow, outcomeOf } from './outcome.js';

/** A resource of the subject, as the report gives it. */
export interface ReportedResource extends Omit<ErasureOutcome, 'request' | 'outcome' | 'at'> {
  /**
   * This request's outcome; `erased-earlier` when another request erased it (see `by`); `pending` when
   * nothing was done yet (the request was stopped, or the resource recorded after it ran).
   */
  outcome: ErasureOutcome['outcome'] | 'erased-earlier' | 'pending';
  createdAt: string;
  /** When this request recorded its outcome. */
  at?: string;
  /** The request that erased it, when another. */
  by?: string;
}

export interface KindCounts {
  provider: string;
  kind: string;
  recorded: number;
  deleted: number;
  alreadyGone: number;
  erasedEarlier: number;
  failed: number;
  pending: number;
  /** Deleted or already gone, and read back as gone. */
  verified: number;
  /** Deleted or already gone, not read back (see each resource's `unverified`). */
  unverified: number;
  /** Deleted or already gone, yet read back as still there. */
  stillThere: number;
}

export interface ErasureReport {
  request: string;
  /** The subject's keyed hash (the ledger never holds the identifier). */
  subject: string;
  /** The ledger, without credentials. */
  ledger: string;
  hard: boolean;
  askedAt: string;
  /** Absent while the request is running or was stopped (a later run of it resumes it). */
  finishedAt?: string;
  /**
   * Finished, and every resource erased (deleted, already gone, or by another request), none of them
   * read back as still there.
   */
  complete: boolean;
  counts: KindCounts[];
  resources: ReportedResource[];
}

interface ResourceRow {
  provider: string;
  kind: string;
  id: string;
  created_at: number;
  erased_by: string | null;
}

export async function buildReport(db: Db, request: string): Promise<ErasureReport> {
  const [erasure] = await db.query<{ subject: string; hard: number; asked_at: number; finished_at: number | null }>(
    'SELECT subject, hard, asked_at, finished_at FROM erasures WHERE id = ?',
    [request],
  );
  if (!erasure)
    throw new LedgerInputError(`no erasure request ${JSON.stringify(request)} in the ledger at ${db.where}`);
  const resources = await db.query<ResourceRow>(
    'SELECT provider, kind, id, created_at, erased_by FROM resources WHERE subject = ? ORDER BY provider, kind, created_at, id',
    [erasure.subject],
  );
  const outcomes = new Map(
    (await db.query<OutcomeRow>('SELECT * FROM outcomes WHERE erasure = ?', [request])).map((row) => [
      `${row.provider}\n${row.kind}\n${row.id}`,
      outcomeOf(row),
    ]),
  );
  const counts = new Map<string, KindCounts>();
  const reported = resources.map((row): ReportedResource => {
    const own = outcomes.get(`${row.provider}\n${row.kind}\n${row.id}`);
    const createdAt = new Date(Number(row.created_at)).toISOString();
    const entry: ReportedResource = own
      ? { ...withoutRequest(own), createdAt }
      : row.erased_by !== null && row.erased_by !== request
        ? {
            provider: row.provider,
            kind: row.kind,
            id: row.id,
            outcome: 'erased-earlier',
            by: row.erased_by,
            createdAt,
          }
        : { provider: row.provider, kind: row.kind, id: row.id, outcome: 'pending', createdAt };
    count(counts, entry);
    return entry;
  });
  const finished = erasure.finished_at !== null;
  return {
    request,
    subject: erasure.subject,
    ledger: db.where,
    hard: Boolean(Number(erasure.hard)),
    askedAt: new Date(Number(erasure.asked_at)).toISOString(),
    ...(finished && { finishedAt: new Date(Number(erasure.finished_at)).toISOString() }),
    complete:
      finished &&
      reported.every((entry) => entry.outcome !== 'failed' && entry.outcome !== 'pending' && entry.verified !== false),
    counts: [...counts.values()],
    resources: reported,
  };
}

function withoutRequest({ request: _, ...outcome }: ErasureOutcome): Omit<ErasureOutcome, 'request'> {
  return outcome;
}

function count(counts: Map<string, KindCounts>, entry: ReportedResource) {
  const key = `${entry.provider} ${entry.kind}`;
  let kind = counts.get(key);
  if (!kind) {
    kind = {
      provider: entry.provider,
      kind: entry.kind,
      recorded: 0,
      deleted: 0,
      alreadyGone: 0,
      erasedEarlier: 0,
      failed: 0,
      pending: 0,
      verified: 0,
      unverified: 0,
      stillThere: 0,
    };
    counts.set(key, kind);
  }
  kind.recorded += 1;
  const field = {
    deleted: 'deleted',
    'already-gone': 'alreadyGone',
    'erased-earlier': 'erasedEarlier',
    failed: 'failed',
    pending: 'pending',
  } as const;
  kind[field[entry.outcome]] += 1;
  if (entry.outcome === 'deleted' || entry.outcome === 'already-gone') {
    if (entry.verified === true) kind.verified += 1;
    else if (entry.verified === false) kind.stillThere += 1;
    else kind.unverified += 1;
  }
}

/** A few lines for people: the request, then one line per vendor and kind, then whether it is complete. */
export function summarize(report: ErasureReport): string {
  const lines = [
    `Erasure ${report.request} of ${report.subject.slice(0, 24)}… (${report.ledger})`,
    `  asked ${report.askedAt}, ${report.finishedAt ? `finished ${report.finishedAt}` : 'not finished'}${report.hard ? ', hard' : ''}`,
  ];
  for (const c of report.counts) {
    const parts = [
      c.deleted && `${c.deleted} deleted`,
      c.alreadyGone && `${c.alreadyGone} already gone`,
      c.erasedEarlier && `${c.erasedEarlier} erased earlier`,
      c.failed && `${c.failed} failed`,
      c.pending && `${c.pending} pending`,
    ].filter(Boolean);
    const checks = [
      `${c.verified} verified`,
      c.unverified && `${c.unverified} not read back`,
      c.stillThere && `${c.stillThere} STILL THERE when read back`,
    ].filter(Boolean);
    lines.push(`  ${c.provider} ${c.kind}: ${parts.join(', ')} (${checks.join(', ')})`);
  }
  if (report.counts.length === 0) lines.push('  nothing recorded for this subject');
  lines.push(
    report.complete
      ? 'Complete: every recorded resource is erased.'
      : `Not complete: ${report.finishedAt ? 'some failed or are still there' : 'stopped before the end'}; run the same erase again to ${report.finishedAt ? 'retry them' : 'resume it'}.`,
  );
  return `${lines.join('\n')}\n`;
}
