// Prism in dynamic mode (-d, fixed seed) over every operation: answers generated from the specs, so
// valid but unusual (random strings, numbers and arrays wherever the schema allows). The clients
// must end each call in a valid result or a MediaJobsError with nothing foreign inside.
import { MediaJobsError } from '@mediajobs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APIS, type ApiName, specFile } from '../../../test-support/apis.js';
import { type PrismServer, startPrism, tensorsLabSpecFor } from '../../cli/src/mocks.js';
import { createMediaJobs } from '../src/index.js';
import { KEY, label, REFS } from './helpers.js';

const CALLS_PER_OPERATION = 15;
const JUDGED = new Set(['MediaJobsError', 'ServerError', 'InsufficientCreditsError']);
let servers: Partial<Record<ApiName, PrismServer>> = {};

beforeAll(async () => {
  const started = await Promise.all(
    APIS.map((api) => startPrism(specFile(api), `.prism-logs/${api}.dynamic.log`, ['-d', '--seed', '42'])),
  );
  servers = Object.fromEntries(APIS.map((api, index) => [api, started[index]]));
});
afterAll(async () => {
  // Bounded: now and then one Prism never reports its exit after SIGTERM; SIGKILL by PID then.
  const stopped = (server: PrismServer) =>
    Promise.race([server.stop(), new Promise((resolve) => setTimeout(resolve, 8_000))]).finally(() => {
      try {
        process.kill(server.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    });
  await Promise.all(Object.values(servers).map((server) => server && stopped(server)));
}, 30_000);

/** Sends each vendor's calls to its dynamic Prism (TensorsLab's two specs split by path). */
const toPrism: typeof fetch = (input, init) => {
  const url = new URL(String(input));
  const api: ApiName =
    url.hostname === 'tensorslab.test' ? tensorsLabSpecFor(url.pathname) : (url.hostname.split('.')[0] as ApiName);
  const target = new URL(`${url.pathname}${url.search}`, servers[api]?.url);
  return fetch(target, init);
};

describe('Prism dynamic mode (--seed 42)', () => {
  it.each(REFS.map((ref) => [label(ref), ref] as const))(
    '%s: delete, get and bulk delete end in a result or a clean MediaJobsError',
    async (_, ref) => {
      const vendor = (host: string) => ({ apiKey: KEY, baseUrl: `http://${host}.test` });
      const jobs = createMediaJobs({
        tensorslab: vendor('tensorslab'),
        tavus: vendor('tavus'),
        bifrost: vendor('bifrost'),
        a2e: vendor('a2e'),
        fetch: toPrism,
        maxRetries: 0,
      });
      const seen = { results: 0, errors: new Set<string>() };
      for (let n = 0; n < CALLS_PER_OPERATION; n += 1) {
        for (const call of [() => jobs.delete(ref), () => jobs.get(ref)]) {
          try {
            const result = (await call()) as { deleted?: true; status?: string };
            expect(result.deleted ?? result.status).toBeTruthy();
            seen.results += 1;
          } catch (error) {
            expect(MediaJobsError.isInstance(error), String(error)).toBe(true);
            const cause = (error as Error).cause;
            expect(cause === undefined || MediaJobsError.isInstance(cause), String(cause)).toBe(true);
            // Retryable only as an HTTP 5xx: Prism cannot generate A2E's text/plain answers dynamically
            // (NO_COMPLEX_OBJECT_TEXT) and answers 500, which is a server error to retry, correctly.
            const { retryable, status } = error as MediaJobsError;
            if (retryable) expect(status, String(error)).toBeGreaterThanOrEqual(500);
            seen.errors.add((error as Error).name);
          }
        }
      }
      const outcomes = await jobs.deleteMany([ref, ref, ref]);
      expect(outcomes).toHaveLength(3);
      // Dynamic answers still reach the adapters: not everything fails on the way in.
      // Prism sent valid answers: any failure is the adapter judging the vendor's data (an unknown
      // status word, a failure code, `deleted: false`), never the transport or our request.
      expect([...seen.errors].filter((name) => !JUDGED.has(name))).toEqual([]);
    },
  );
});
