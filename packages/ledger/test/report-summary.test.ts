// The summary people read of an erasure report: the request, a line per vendor and kind with every
// outcome and check that happened, and whether it is complete or what to do next.
import { describe, expect, it } from 'vitest';
import { type ErasureReport, type KindCounts, summarize } from '../src/index.js';

const SUBJECT = `hmac-sha256:${'ab12'.repeat(16)}`;

function reportOf(overrides: Partial<ErasureReport>): ErasureReport {
  return {
    request: 'req-1',
    subject: SUBJECT,
    ledger: 'sqlite:/var/lib/ledger.db',
    hard: false,
    askedAt: '2026-11-01T10:00:00.000Z',
    finishedAt: '2026-11-01T10:05:00.000Z',
    complete: true,
    counts: [],
    resources: [],
    ...overrides,
  };
}

function countsOf(provider: string, kind: string, counts: Partial<KindCounts>): KindCounts {
  const zero = { deleted: 0, alreadyGone: 0, erasedEarlier: 0, failed: 0, pending: 0 };
  const checks = { verified: 0, unverified: 0, stillThere: 0 };
  return { provider, kind, recorded: 0, ...zero, ...checks, ...counts };
}

describe('summarize', () => {
  it('gives the request, a shortened subject hash, every outcome and check per kind, and what to retry', () => {
    const summary = summarize(
      reportOf({
        hard: true,
        complete: false,
        counts: [
          countsOf('a2e', 'video', {
            recorded: 10,
            deleted: 3,
            alreadyGone: 2,
            erasedEarlier: 1,
            failed: 4,
            verified: 2,
            unverified: 2,
            stillThere: 1,
          }),
          countsOf('tavus', 'replica', { recorded: 1, pending: 1 }),
        ],
      }),
    );
    expect(summary.split('\n')).toEqual([
      `Erasure req-1 of ${SUBJECT.slice(0, 24)}… (sqlite:/var/lib/ledger.db)`,
      '  asked 2026-11-01T10:00:00.000Z, finished 2026-11-01T10:05:00.000Z, hard',
      '  a2e video: 3 deleted, 2 already gone, 1 erased earlier, 4 failed (2 verified, 2 not read back, 1 STILL THERE when read back)',
      '  tavus replica: 1 pending (0 verified)',
      'Not complete: some failed or are still there; run the same erase again to retry them.',
      '',
    ]);
  });

  it('says when an erasure stopped before the end, and that running it again resumes it', () => {
    const summary = summarize(
      reportOf({
        finishedAt: undefined,
        complete: false,
        counts: [countsOf('tavus', 'video', { recorded: 3, deleted: 1, pending: 2, verified: 1 })],
      }),
    );
    expect(summary.split('\n')).toEqual([
      `Erasure req-1 of ${SUBJECT.slice(0, 24)}… (sqlite:/var/lib/ledger.db)`,
      '  asked 2026-11-01T10:00:00.000Z, not finished',
      '  tavus video: 1 deleted, 2 pending (1 verified)',
      'Not complete: stopped before the end; run the same erase again to resume it.',
      '',
    ]);
  });

  it('says when nothing was recorded for the subject', () => {
    expect(summarize(reportOf({})).split('\n')).toEqual([
      `Erasure req-1 of ${SUBJECT.slice(0, 24)}… (sqlite:/var/lib/ledger.db)`,
      '  asked 2026-11-01T10:00:00.000Z, finished 2026-11-01T10:05:00.000Z',
      '  nothing recorded for this subject',
      'Complete: every recorded resource is erased.',
      '',
    ]);
  });
});
