// Vitest global setup: Prism mocks of every vendor for the whole test run, for the contract tests:
// raw Prism (startPrismMocks), answering every valid request with the spec's examples whatever the id,
// not startMockVendors' stateful mocks. On teardown, the run fails if a test left a file at the
// repository root that git does not ignore: test output goes to a temporary folder (a test's receipts,
// echo-receipts.jsonl, were once committed from there).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startPrismMocks } from '@mediajobs/testing/internal';
import type { TestProject } from 'vitest/node';
import { APIS, type ApiName, CONTRACT_RECORDS_DIR, PRISM_LOG_DIR, providerOf } from './apis.js';

declare module 'vitest' {
  export interface ProvidedContext {
    prismUrls: Record<ApiName, string>;
  }
}

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

export default async function setup(project: TestProject) {
  rmSync(CONTRACT_RECORDS_DIR, { recursive: true, force: true });
  mkdirSync(CONTRACT_RECORDS_DIR, { recursive: true });
  const mocks = await startPrismMocks({ logDir: PRISM_LOG_DIR });
  const atStart = new Set(readdirSync(ROOT));
  project.provide(
    'prismUrls',
    Object.fromEntries(APIS.map((api) => [api, mocks.baseUrls[providerOf(api)]])) as Record<ApiName, string>,
  );
  return async () => {
    await mocks.stop();
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
