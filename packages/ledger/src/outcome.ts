// What an erasure did to one resource, as streamed and as kept in the ledger's `outcomes` table.

/** `already-gone`: the vendor answered not found (deleted earlier, by hand or by an interrupted run). */
export type Outcome = 'deleted' | 'already-gone' | 'failed';

export interface ErasureOutcome {
  /** The erasure request's id. */
  request: string;
  provider: string;
  kind: string;
  id: string;
  outcome: Outcome;
  /**
   * Read back after the delete: true when the vendor says it is gone (not found, or status
   * `deleted`); false when it still reads as there; absent when it was not read back (see `unverified`).
   */
  verified?: boolean;
  /**
   * Why it was not read back, when it was not: the kind cannot be read, the read failed without
   * saying not found (TensorsLab and A2E answer an unknown id with a generic error), or the erasure
   * was stopped first.
   */
  unverified?: string;
  /** Why it failed: the error's class, its (redacted) message, the HTTP status. */
  error?: { class: string; message: string; status?: number };
  /** The vendor's request id, where its answer carried one. */
  requestId?: string;
  /** When the outcome was recorded (ISO 8601). */
  at: string;
}

/** An `outcomes` row as the database gives it. */
export interface OutcomeRow {
  erasure: string;
  provider: string;
  kind: string;
  id: string;
  outcome: string;
  verified: number | boolean | null;
  unverified: string | null;
  error_class: string | null;
  error: string | null;
  status: number | null;
  request_id: string | null;
  at: number;
}

export function outcomeOf(row: OutcomeRow): ErasureOutcome {
  return {
    request: row.erasure,
    provider: row.provider,
    kind: row.kind,
    id: row.id,
    outcome: row.outcome as Outcome,
    ...(row.verified !== null && { verified: Boolean(row.verified) }),
    ...(row.unverified !== null && { unverified: row.unverified }),
    ...(row.error_class !== null && {
      error: {
        class: row.error_class,
        message: row.error ?? '',
        ...(row.status !== null && { status: Number(row.status) }),
      },
    }),
    ...(row.request_id !== null && { requestId: row.request_id }),
    at: new Date(Number(row.at)).toISOString(),
  };
}

/** The INSERT of one outcome, and its parameters. */
export function insertOutcome(outcome: ErasureOutcome): [string, unknown[]] {
  return [
    `INSERT INTO outcomes (erasure, provider, kind, id, outcome, verified, unverified, error_class, error, status, request_id, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      outcome.request,
      outcome.provider,
      outcome.kind,
      outcome.id,
      outcome.outcome,
      outcome.verified === undefined ? null : Number(outcome.verified),
      outcome.unverified ?? null,
      outcome.error?.class ?? null,
      outcome.error?.message ?? null,
      outcome.error?.status ?? null,
      outcome.requestId ?? null,
      Date.parse(outcome.at),
    ],
  ];
}
