// auditSoak reads `error.outcomeUnknown`, never the message, to tell a failure the vendor may have acted on.
import { describe, expect, it } from 'vitest';
import { auditSoak, type SoakOutcome, type SoakRef } from '../src/internal.js';
import { jobKey, type Ledger, PLANNED } from '../src/server.js';

function ledgerOf(deleted: string[], permanentAnswers: [string, number][] = []): Ledger {
  return {
    deleted: new Set(deleted),
    requests: new Map(),
    faults: new Map(),
    repeats: 0,
    permanentAnswers: new Map(permanentAnswers),
    attempts: new Map(),
    throttled: new Map(),
  };
}

const ref: SoakRef = { provider: 'tavus', id: 'job_1' };
const planned: SoakRef = { provider: 'tavus', id: `${PLANNED.denied}job_2` };
const failure = (outcomeUnknown: boolean | undefined, message: string) => ({
  name: 'AuthenticationError',
  retryable: false,
  message,
  ...(outcomeUnknown === undefined ? {} : { outcomeUnknown }),
});

describe('auditSoak and outcomeUnknown', () => {
  it('a definitive failure the server acted on counts as maybe-deleted by the field, whatever the message says', () => {
    for (const message of ['tavus: HTTP 401 (the job may already be deleted)', 'tavus: HTTP 401 (reworded)']) {
      const outcomes: SoakOutcome[] = [{ ref, ok: false, error: failure(true, message) }];
      const audit = auditSoak([ref], outcomes, ledgerOf([jobKey('tavus', undefined, ref.id)]));
      expect(audit).toMatchObject({ failedMaybeDeleted: 1, failedMaybeDeletedAndDeleted: 1, definitiveButDeleted: 0 });
    }
  });

  it('without the field, the sentence alone does not excuse a deleted job', () => {
    const message = 'tavus: HTTP 401 (an earlier attempt got no clear answer, so the job may already be deleted)';
    const outcomes: SoakOutcome[] = [{ ref, ok: false, error: failure(undefined, message) }];
    const audit = auditSoak([ref], outcomes, ledgerOf([jobKey('tavus', undefined, ref.id)]));
    expect(audit).toMatchObject({ failedMaybeDeleted: 0, definitiveButDeleted: 1 });
  });

  it('a planned failure answered twice is a retry unless the field says an attempt was unclear', () => {
    const key = jobKey('tavus', undefined, planned.id);
    const audit = (outcomeUnknown: boolean | undefined) =>
      auditSoak(
        [planned],
        [{ ref: planned, ok: false, error: failure(outcomeUnknown, 'tavus: HTTP 401') }],
        ledgerOf([], [[key, 2]]),
      );
    expect(audit(true).plannedRetried).toBe(0);
    expect(audit(undefined).plannedRetried).toBe(1);
    expect(audit(false).plannedRetried).toBe(1);
  });
});
