// Vitest global setup: Prism mocks of every vendor for the whole test run, for the contract tests:
// raw Prism (startPrismMocks), answering every valid request with the spec's examples whatever the id,
// not startMockVendors' stateful mocks. A PostgreSQL server for freshPostgresDatabase (test-support/postgres.ts)
// unless MEDIAJOBS_TEST_POSTGRES_URL names one (CI starts it with scripts/postgres.mjs); starting one takes
// about a second. On teardown, the run fails if a test left a file at the
// repository root that git does not ignore: test output goes to a temporary folder (a test's receipts,
// echo-receipts.jsonl, were once committed from there).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startPrismMocks } from '@mediajobs/testing/internal';
import type { TestProject } from 'vitest/node';
import { startPostgres, stopPostgres } from '../scripts/postgres.mjs';
import { APIS, type ApiName, CONTRACT_RECORDS_DIR, PRISM_LOG_DIR, providerOf } from './apis.js';

declare module 'vitest' {
  export interface ProvidedContext {
    prismUrls: Record<ApiName, string>;
  }
}

// Read by test-support/postgres.ts too; not turbo's business: vitest runs outside turbo.
const POSTGRES_URL_VARIABLE = 'MEDIAJOBS_TEST_POSTGRES_URL';
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Entries at the repository root that git ignores (node_modules, .prism-logs, ...). */
function ignoredAtRoot(names: string[]): Set<string> {
  if (names.length === 0) return new Set();
  try {
    return new Set(execFileSync('git', ['check-ignore', '--', ...names], { cwd: ROOT, encoding: 'utf8' }).split('\n'));
  } catch {
    return new Set(); // exit 1: none ignored
  }
}

/**
 * The run's PostgreSQL: MEDIAJOBS_TEST_POSTGRES_URL's when set, else one started here (once per run; its URL also
 * goes into process.env for the processes the tests spawn). With no server binaries, the tests that ask
 * freshPostgresDatabase for a database fail with why; the others run.
 */
async function runPostgres(): Promise<{ provided: { url: string } | { error: string }; stop(): Promise<void> }> {
  const given = process.env[POSTGRES_URL_VARIABLE];
  if (given) return { provided: { url: given }, stop: async () => {} };
  try {
    const server = await startPostgres();
    process.env[POSTGRES_URL_VARIABLE] = server.url;
    return {
      provided: { url: server.url },
      stop: async () => {
        delete process.env[POSTGRES_URL_VARIABLE];
        await stopPostgres(server.dir);
      },
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      provided: { error: `The vitest global setup could not start PostgreSQL: ${reason}` },
      stop: async () => {},
    };
  }
}

export default async function setup(project: TestProject) {
  rmSync(CONTRACT_RECORDS_DIR, { recursive: true, force: true });
  mkdirSync(CONTRACT_RECORDS_DIR, { recursive: true });
  const postgres = await runPostgres();
  project.provide('postgres', postgres.provided);
  const mocks = await startPrismMocks({ logDir: PRISM_LOG_DIR }).catch(async (error) => {
    await postgres.stop();
    throw error;
  });
  const atStart = new Set(readdirSync(ROOT));
  project.provide(
    'prismUrls',
    Object.fromEntries(APIS.map((api) => [api, mocks.baseUrls[providerOf(api)]])) as Record<ApiName, string>,
  );
  return async () => {
    try {
      await mocks.stop();
    } finally {
      await postgres.stop();
    }
    const added = readdirSync(ROOT).filter((name) => !atStart.has(name));
    const ignored = ignoredAtRoot(added);
    const left = added.filter((name) => !ignored.has(name));
    if (left.length > 0) {
      // vitest reports an error thrown here but exits 0 for it.
      process.exitCode = 1;
      throw new Error(
        `The tests left ${left.join(', ')} at the repository root: write test output into a temporary folder.`,
      );
    }
  };
}
