// Vitest global setup: one Prism process per spec for the whole test run, stopped by PID at the end.
import { mkdirSync, rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startPrism } from '../packages/cli/src/mocks.js';
import { APIS, type ApiName, CONTRACT_RECORDS_DIR, prismLogFile, specFile } from './apis.js';

declare module 'vitest' {
  export interface ProvidedContext {
    prismUrls: Record<ApiName, string>;
  }
}

export default async function setup(project: TestProject) {
  mkdirSync('.prism-logs', { recursive: true });
  rmSync(CONTRACT_RECORDS_DIR, { recursive: true, force: true });
  mkdirSync(CONTRACT_RECORDS_DIR, { recursive: true });
  const servers = await Promise.all(APIS.map((api) => startPrism(specFile(api), prismLogFile(api))));
  project.provide(
    'prismUrls',
    Object.fromEntries(APIS.map((api, i) => [api, servers[i]?.url])) as Record<ApiName, string>,
  );
  return async () => {
    await Promise.all(servers.map((server) => server.stop()));
  };
}
