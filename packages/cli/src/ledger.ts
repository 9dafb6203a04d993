// The ledger as the command line opens it: --ledger, else MEDIAJOBS_LEDGER, else an SQLite file in
// the current folder (named in the output). Loaded only by the commands that use it, so that the
// other commands never load its native SQLite module.
import { resolve } from 'node:path';
import type { Ledger } from '@mediajobs/ledger';
import type { Env, Output } from './io.js';
import { loadOptionalPeer } from './optional-peer.js';
import { printable } from './output.js';

/**
 * The variables the ledger reads: where it is, and the key of its subject hashes (the library's
 * KEY_VARIABLE). Spelt here, not imported: importing the ledger loads its native SQLite module.
 */
export const LEDGER_VARIABLES = { location: 'MEDIAJOBS_LEDGER', key: 'MEDIAJOBS_LEDGER_KEY' } as const;
const DEFAULT_FILE = 'mediajobs-ledger.db';

export interface LedgerSettings {
  /** --ledger */
  ledger?: string;
}

/** Opens the ledger, runs `fn`, closes it. The location is printed on stderr when it was not given. */
export async function withLedger<T>(
  { ledger: given }: LedgerSettings,
  env: Env,
  stderr: Output,
  fn: (ledger: Ledger) => Promise<T>,
): Promise<T> {
  const { openLedger } = await loadLedger();
  const location = given ?? env[LEDGER_VARIABLES.location] ?? `sqlite:${resolve(DEFAULT_FILE)}`;
  const ledger = await openLedger(location, { env });
  if (given === undefined && env[LEDGER_VARIABLES.location] === undefined) {
    stderr.write(`ledger: ${printable(ledger.location)} (set --ledger or ${LEDGER_VARIABLES.location} for another)\n`);
  }
  try {
    return await fn(ledger);
  } finally {
    await ledger.close();
  }
}

/** The password in a ledger URL (postgres://user:password@host/db), for the redactor. */
export function ledgerPassword(env: Env): string | undefined {
  const location = env[LEDGER_VARIABLES.location];
  if (!location || !/^postgres(ql)?:/i.test(location)) return undefined;
  try {
    return decodeURIComponent(new URL(location).password) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * `@mediajobs/ledger`, for record, erase, ledger and purge --from-ledger. An optional peer, not a
 * dependency: it brings SQLite (a native module) and PostgreSQL's client, about 45 packages, which
 * deleting and purging never need. Where it is not installed, a usage error says how to get it.
 */
export function loadLedger(): Promise<typeof import('@mediajobs/ledger')> {
  return loadOptionalPeer(() => import('@mediajobs/ledger'), '@mediajobs/ledger', {
    needs:
      'record, erase and the ledger need @mediajobs/ledger, which the CLI does not install for deleting and purging',
    example: 'mediajobs <command>',
  });
}
