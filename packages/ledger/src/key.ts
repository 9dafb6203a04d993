// The ledger is personal data: it must not tell who its subjects are to someone holding a copy. It
// stores HMAC-SHA-256(key, subject), never the subject; without the key, a hash cannot be turned
// back into an identifier, nor an identifier guessed and checked against it.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { LedgerError, LedgerInputError } from './errors.js';

/** The environment variable that holds the key (required for a PostgreSQL ledger). */
export const KEY_VARIABLE = 'MEDIAJOBS_LEDGER_KEY';
/** Shortest key taken: 32 characters (e.g. 16 random bytes in hex), as HMAC-SHA-256 keys go. */
const MIN_KEY_LENGTH = 32;
/** Longest subject taken: an email, a user id, an account URL fit; a pasted document does not. */
export const MAX_SUBJECT_LENGTH = 1_000;

export type SubjectHasher = (subject: string) => string;

/** The hashing function of `key`; hashes read `hmac-sha256:<64 hex digits>`. */
export function subjectHasher(key: string): SubjectHasher {
  return (subject) => `hmac-sha256:${createHmac('sha256', key).update(checkSubject(subject)).digest('hex')}`;
}

/** A subject the ledger takes: a non-empty string of at most MAX_SUBJECT_LENGTH characters. */
export function checkSubject(subject: unknown): string {
  if (typeof subject !== 'string') {
    throw new LedgerInputError(
      `a subject must be a string (a user id, an email), got ${subject === null ? 'null' : typeof subject}`,
    );
  }
  if (subject.trim() === '') throw new LedgerInputError('a subject must not be empty');
  if (subject.length > MAX_SUBJECT_LENGTH) {
    throw new LedgerInputError(
      `a subject must be at most ${MAX_SUBJECT_LENGTH} characters, got ${subject.length}; use the person's id or email`,
    );
  }
  return subject;
}

/** What the ledger keeps of its key: enough to tell a wrong key, nothing to recover it. */
export function keyCheck(key: string): string {
  return createHmac('sha256', key).update('mediajobs ledger key check').digest('hex');
}

export function sameKeyCheck(stored: string, key: string): boolean {
  const a = Buffer.from(stored);
  const b = Buffer.from(keyCheck(key));
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The key: given, else from MEDIAJOBS_LEDGER_KEY, else (SQLite only) from the key file beside the
 * ledger, `<file>.key`, created with mode 0600 for a new ledger. A key file others can read is refused
 * (as ssh refuses such a private key): the hashes are only as private as the key.
 */
export function findKey(
  { key, env = process.env }: { key?: string; env?: Record<string, string | undefined> },
  sqliteFile: string | undefined,
  { creating }: { creating: boolean },
): string {
  const given = key ?? env[KEY_VARIABLE];
  if (given !== undefined) return checkKey(given, key === undefined ? KEY_VARIABLE : 'the key option');
  if (sqliteFile === undefined) {
    throw new LedgerError(
      `a PostgreSQL ledger needs its key in ${KEY_VARIABLE} (the same on every machine that uses it; e.g. \`openssl rand -hex 32\`)`,
    );
  }
  const file = `${sqliteFile}.key`;
  let mode: number | undefined;
  try {
    mode = statSync(file).mode;
  } catch {
    if (!creating) {
      throw new LedgerError(
        `the ledger ${sqliteFile} exists but its key file ${file} does not: set ${KEY_VARIABLE} to its key, or restore the key file (without it no subject can be found)`,
      );
    }
    const made = randomBytes(32).toString('hex');
    writeFileSync(file, `${made}\n`, { mode: 0o600, flag: 'wx' });
    return made;
  }
  if ((mode & 0o077) !== 0) {
    throw new LedgerError(
      `the key file ${file} can be read by others (mode ${(mode & 0o777).toString(8)}): run \`chmod 600 ${file}\``,
    );
  }
  return checkKey(readFileSync(file, 'utf8').trim(), file);
}

function checkKey(key: string, from: string): string {
  if (key.length < MIN_KEY_LENGTH) {
    throw new LedgerError(
      `the ledger key from ${from} is too short: at least ${MIN_KEY_LENGTH} characters (e.g. \`openssl rand -hex 32\`)`,
    );
  }
  return key;
}
