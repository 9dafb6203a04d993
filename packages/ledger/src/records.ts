// What the ledger records, checked whole before anything is written: a batch with one bad record
// writes nothing.
import { checkJobRef } from 'mediajobs';
import { LedgerInputError } from './errors.js';
import { checkSubject, type SubjectHasher } from './key.js';

/** One resource a vendor made for a subject. */
export interface RecordInput {
  /** Whose it is: a user id, an email. Stored as its keyed hash only. */
  subject: string;
  provider: string;
  /** The vendor's kind (`mediajobs kinds`); the vendor's first kind when left out. */
  kind?: string;
  id: string;
  /** When the vendor made it (default: now); a Date, an ISO 8601 string or milliseconds since 1970. */
  createdAt?: Date | string | number;
}

/** A record as stored. */
export interface Row {
  subject: string;
  provider: string;
  kind: string;
  id: string;
  createdAt: number;
}

export function checkRecord(input: unknown, hash: SubjectHasher, now: number, where = 'a record'): Row {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new LedgerInputError(`${where} must be an object { subject, provider, kind?, id, createdAt? }`);
  }
  const { subject, provider, kind, id, createdAt } = input as Record<string, unknown>;
  if (typeof id !== 'string') {
    throw new LedgerInputError(
      `${where}: id must be a string (the vendor's id as it gave it), got ${id === null ? 'null' : typeof id}`,
    );
  }
  try {
    // The facade's own check: a known provider and kind, an id it can send (not empty, no control
    // characters, not `.`/`..`), so that what is recorded can be erased.
    const ref = checkJobRef({ provider, kind, id });
    return {
      subject: hash(subject as string),
      provider: ref.provider,
      kind: ref.kind,
      id: ref.id,
      createdAt: timeOf(createdAt, now),
    };
  } catch (error) {
    throw new LedgerInputError(`${where}: ${(error as Error).message}`, { cause: error });
  }
}

/** The latest time a Date holds (year 275760): a later one (nanoseconds, say) could never be read back as a date. */
const LATEST_DATE = 8.64e15;

function timeOf(value: unknown, now: number): number {
  if (value === undefined) return now;
  const time =
    value instanceof Date
      ? value.getTime()
      : typeof value === 'string'
        ? Date.parse(value)
        : typeof value === 'number'
          ? value
          : Number.NaN;
  if (!Number.isFinite(time) || time < 0 || time > LATEST_DATE) {
    throw new LedgerInputError(
      `createdAt must be a date (ISO 8601 or milliseconds since 1970), got ${JSON.stringify(value)}`,
    );
  }
  return Math.trunc(time);
}

/** Checks a record without writing it (e.g. every line of a file before any is recorded); throws LedgerInputError. */
export function checkRecordInput(input: unknown, where = 'a record'): void {
  checkRecord(input, checkSubject, Date.now(), where);
}
