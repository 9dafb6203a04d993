// Vitest global setup: Prism mocks of every vendor for the whole test run, for the contract tests:
// raw Prism (startPrismMocks), answering every valid request with the spec's examples whatever the id,
// not startMockVendors' stateful mocks.
import { mkdirSync, rmSync } from 'node:fs';
import { startPrismMocks } from '@mediajobs/testing/internal';
import type { TestProject } from 'vitest/node';
import { APIS, type ApiName, CONTRACT_RECORDS_DIR, PRISM_LOG_DIR, providerOf } from './apis.js';

declare module 'vitest' {
  export interface ProvidedContext {
    prismUrls: Record<ApiName, string>;
  }
}

export default async function setup(project: TestProject) {
  rmSync(CONTRACT_RECORDS_DIR, { recursive: true, force: true });
  mkdirSync(CONTRACT_RECORDS_DIR, { recursive: true });
  const mocks = await startPrismMocks({ logDir: PRISM_LOG_DIR });
  project.provide(
    'prismUrls',
    Object.fromEntries(APIS.map((api) => [api, mocks.baseUrls[providerOf(api)]])) as Record<ApiName, string>,
  );
  return () => mocks.stop();
}
