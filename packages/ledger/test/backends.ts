// The two backends every ledger test runs against: a fresh SQLite file in a temporary folder, and a
// fresh database on the test run's PostgreSQL server (test-support/postgres.ts); and what the tests
// open on them, each removed when its test finishes.
//
// Cleanups are registered with onTestFinished, during the test, never with an afterEach of this module:
// the mutation runs (stryker/vitest.config.ts) run the test files without isolation, where an afterEach
// registered when this module is first imported would run in that file only. Vitest runs a test's
// onTestFinished callbacks last registered first, whatever `sequence.hooks` says, so a ledger is closed
// before its location is removed, and a fault server stopped after whatever was opened after it.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FaultServer, type FaultServerOptions, startFaultServer } from '@mediajobs/testing';
import { createMediaJobs, type MediaJobs } from 'mediajobs';
import { onTestFinished } from 'vitest';
import { freshPostgresDatabase } from '../../../test-support/postgres.js';
import { type ErasureOutcome, type Ledger, openLedger } from '../src/index.js';

/** The key every test ledger uses (a real deployment's comes from MEDIAJOBS_LEDGER_KEY or the key file). */
export const TEST_KEY = 'test-key-0123456789abcdef0123456789abcdef';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A new, empty ledger location, and how to remove it. */
  fresh(): Promise<{ location: string; dispose(): Promise<void> }>;
}

export const BACKENDS: Backend[] = [
  {
    name: 'sqlite',
    async fresh() {
      const dir = mkdtempSync(join(tmpdir(), 'mediajobs-ledger-'));
      return {
        location: `sqlite:${join(dir, 'ledger.db')}`,
        dispose: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'postgres',
    async fresh() {
      const database = await freshPostgresDatabase('ledger');
      return { location: database.url, dispose: database.drop };
    },
  },
];

/** A new temporary folder, removed when the test finishes. Call it during a test. */
export function tempFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mediajobs-ledger-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A file's permission bits, in octal ('600'). */
export const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

/** A new, empty ledger location on `backend`, removed when the test finishes. Call it during a test. */
export async function freshLocation(backend: Backend): Promise<string> {
  const { location, dispose } = await backend.fresh();
  onTestFinished(dispose);
  return location;
}

/**
 * The ledger at `location` opened with TEST_KEY, closed when the test finishes (before the location is
 * removed, when freshLocation gave it earlier in the test). Call it during a test.
 */
export async function openTestLedger(location: string): Promise<Ledger> {
  const ledger = await openLedger(location, { key: TEST_KEY });
  onTestFinished(() => ledger.close());
  return ledger;
}

/** A ledger on a new, empty location of `backend`, and that location; both gone when the test finishes. */
export async function freshLedgerAt(backend: Backend): Promise<{ ledger: Ledger; location: string }> {
  const location = await freshLocation(backend);
  return { ledger: await openTestLedger(location), location };
}

/** A ledger on a new, empty location of `backend`, closed and removed when the test finishes. */
export async function freshLedger(backend: Backend): Promise<Ledger> {
  return (await freshLedgerAt(backend)).ledger;
}

/** A fault server (@mediajobs/testing), stopped when the test finishes. Call it during a test. */
export async function faultServer(options: FaultServerOptions = {}): Promise<FaultServer> {
  const server = await startFaultServer(options);
  onTestFinished(() => server.stop());
  return server;
}

/** The API key facadeOn gives the vendors. */
const VENDOR_KEY = 'sk_ledger_canary_9f8e7d';

export interface FacadeHooks {
  /** Told of each request before it is sent. */
  seen?: (request: Request) => void;
  /** May answer a request itself (a Response), or throw, instead of the server (undefined: the server answers). */
  answer?: (request: Request) => Promise<Response | undefined>;
}

/** A facade of `providers` on the fault server at `url`, with VENDOR_KEY and no retries. */
export function facadeOn(url: string, providers: ('tavus' | 'a2e')[], { seen, answer }: FacadeHooks = {}): MediaJobs {
  const vendor = { apiKey: VENDOR_KEY, baseUrl: url };
  return createMediaJobs({
    ...Object.fromEntries(providers.map((provider) => [provider, vendor])),
    maxRetries: 0,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      seen?.(request);
      return (await answer?.(request)) ?? fetch(request);
    },
  });
}

/** Every outcome of an erasure, in the order it gave them. */
export async function drain(erasure: AsyncIterable<ErasureOutcome>): Promise<ErasureOutcome[]> {
  const outcomes: ErasureOutcome[] = [];
  for await (const outcome of erasure) outcomes.push(outcome);
  return outcomes;
}
