// Prism in dynamic mode (-d, fixed seed) over every operation: answers generated from the specs, so
// valid but unusual (random strings, numbers and arrays wherever the schema allows). The clients
// must end each call in a valid result or a MediaJobsError with nothing foreign inside.
import { MediaJobsError } from '@mediajobs/core';
import { type MockVendors, startMockVendors, type Vendor } from '@mediajobs/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRISM_LOG_DIR } from '../../../test-support/apis.js';
import { checkJobRef, createMediaJobs } from '../src/index.js';
import { KEY, label, REFS } from './helpers.js';

const CALLS_PER_OPERATION = 15;
const JUDGED = new Set(['MediaJobsError', 'ServerError', 'InsufficientCreditsError']);
let mocks: MockVendors | undefined;

beforeAll(async () => {
  mocks = await startMockVendors({ dynamicSeed: '42', logDir: `${PRISM_LOG_DIR}/dynamic` });
});
afterAll(() => mocks?.stop());

/** Sends each vendor's calls (to <provider>.test) to its dynamic mock. */
const toPrism: typeof fetch = (input, init) => {
  const url = new URL(String(input));
  const provider = url.hostname.split('.')[0] as Vendor;
  const target = new URL(`${url.pathname}${url.search}`, mocks?.baseUrls[provider]);
  return fetch(target, init);
};

/**
 * APIs whose generated answers can be valid successes. TensorsLab's body `code` is generated as any
 * integer (success is exactly 1000) and Prism cannot generate A2E's text/plain answers
 * (NO_COMPLEX_OBJECT_TEXT, HTTP 500), so every call to those two fails, and must fail cleanly.
 */
const CAN_SUCCEED = new Set(['tavus', 'bifrost']);
const STATUSES = new Set(['queued', 'running', 'succeeded', 'failed', 'deleted']);

/** Why a failure is acceptable here: the adapter judged valid data, or the mock failed (a 5xx, retryable). */
function unexplained(error: unknown): string | undefined {
  if (!MediaJobsError.isInstance(error)) return `not a MediaJobsError: ${String(error)}`;
  const cause = (error as Error).cause;
  if (cause !== undefined && !MediaJobsError.isInstance(cause)) return `foreign cause: ${String(cause)}`;
  if (JUDGED.has(error.name) && !error.retryable) return undefined;
  if (error.retryable && (error.status ?? 0) >= 500) return undefined;
  return `${error.name} (retryable ${error.retryable}, status ${error.status}): ${error.message}`;
}

describe('Prism dynamic mode (--seed 42)', () => {
  it.each(REFS.map((ref) => [label(ref), ref] as const))(
    '%s: delete, get and bulk delete end in a valid result or a clean MediaJobsError',
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
      const checked = checkJobRef(ref);
      let results = 0;
      const problems: string[] = [];
      for (let n = 0; n < CALLS_PER_OPERATION; n += 1) {
        const deleted = await jobs.delete(ref).catch((error: Error) => error);
        if (deleted instanceof Error) problems.push(...[unexplained(deleted) ?? []].flat());
        else {
          expect(deleted).toEqual({ ...checked, deleted: true });
          results += 1;
        }
        const job = await jobs.get(ref).catch((error: Error) => error);
        if (job instanceof Error) problems.push(...[unexplained(job) ?? []].flat());
        else {
          expect(job).toMatchObject({ provider: checked.provider, id: checked.id });
          expect(STATUSES.has(job.status), job.status).toBe(true);
          expect(job.urls.every((url) => typeof url === 'string')).toBe(true);
          results += 1;
        }
      }
      const outcomes = await jobs.deleteMany([ref, ref, ref]);
      for (const outcome of outcomes) if (!outcome.ok) problems.push(...[unexplained(outcome.error) ?? []].flat());

      expect(problems).toEqual([]);
      // Dynamic answers do reach the adapters where the spec allows a success.
      expect(results > 0, `${results} results`).toBe(CAN_SUCCEED.has(ref.provider));
    },
  );
});
