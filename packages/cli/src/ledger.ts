// The ledger as the command line opens it: --ledger, else MEDIAJOBS_LEDGER, else an SQLite file in
// the current folder (named in the output). Loaded only by the commands that use it, so that the
// other commands never load its native SQLite module.
import { resolve } from 'node:path';
import type { Ledger } from '@mediajobs/ledger';
import type { Env, Output } from './io.js';
import { printable } from './output.js';
import { UsageError } from './usage-error.js';

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
export async function loadLedger(): Promise<typeof import('@mediajobs/ledger')> {
  try {
    return await import('@mediajobs/ledger');
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code !== 'ERR_MODULE_NOT_FOUND' || !message.includes('@mediajobs/ledger')) throw error;
    throw new UsageError(
      'record, erase and the ledger need @mediajobs/ledger, which the CLI does not install for deleting and purging. ' +
        'Install it beside the CLI (npm install -g @mediajobs/ledger, or npm install @mediajobs/ledger in your project), ' +
        'or run once with: npx --yes -p @mediajobs/cli -p @mediajobs/ledger mediajobs <command>',
    );
  }
}
