import type { ServerResponse } from 'node:http';
import { A2E } from '@mediajobs/a2e';
import { BIFROST } from '@mediajobs/bifrost';
import { TAVUS } from '@mediajobs/tavus';
import { TENSORSLAB } from '@mediajobs/tensorslab';
import { BASE, type Script, scriptedFetch } from '../../../test-support/scripted-fetch.js';
import { createMediaJobs, type JobRef, type MediaJobsOptions, type Provider } from '../src/index.js';

/** The API key used in every facade test; no error, log or inspected object may contain it. */
export const KEY = 'sk_canary_5e4d3c2b1a0f';

/** A key whose echoes differ by encoding (percent, JSON, HTML), for the tests of hostile vendors. */
export const HOSTILE_KEY = 'sk/canary+5e4d"3c&2b 1a0f';

/** The forms a server may echo a key in (written out in @mediajobs/testing's soak plan, not taken from the redactor). */
export { echoForms } from '@mediajobs/testing/internal';

/** A facade whose every vendor answers from `script`. */
export function facadeWith(script: Script, options: Omit<MediaJobsOptions, 'fetch'> = {}) {
  const scripted = scriptedFetch(script);
  const vendor = (baseUrl: string) => ({ apiKey: KEY, baseUrl });
  const jobs = createMediaJobs({
    tensorslab: vendor(BASE.tensorslab),
    tavus: vendor(BASE.tavus),
    bifrost: vendor(BASE.bifrost),
    a2e: vendor(BASE.a2e),
    ...options,
    fetch: scripted.fetch,
  });
  return { jobs, ...scripted };
}

/** A facade whose every vendor is the server at `url` (a fault server), with one key for all. */
export function facadeAt(
  url: string,
  options: Omit<MediaJobsOptions, 'tensorslab' | 'tavus' | 'bifrost' | 'a2e'> = {},
  apiKey = KEY,
) {
  const vendor = { apiKey, baseUrl: url };
  return createMediaJobs({ tensorslab: vendor, tavus: vendor, bifrost: vendor, a2e: vendor, ...options });
}

/** One ref for each of the five APIs (TensorsLab video and images, Tavus, Bifrost, A2E). */
export const ONE_REF_PER_API = {
  tensorslabVideo: { provider: 'tensorslab', id: 't1' },
  tensorslabImage: { provider: 'tensorslab', id: 't2', kind: 'image' },
  tavus: { provider: 'tavus', id: 'v1' },
  bifrost: { provider: 'bifrost', id: 'video_1:openai' },
  a2e: { provider: 'a2e', id: 'a1' },
} as const satisfies Record<string, JobRef>;

export const REFS: readonly JobRef[] = Object.values(ONE_REF_PER_API);

/** "tensorslab image", "tavus", ...: a ref's name in test titles. */
export const label = (ref: JobRef) => `${ref.provider}${ref.kind ? ` ${ref.kind}` : ''}`;

/** The header each vendor's key travels in, from the vendor packages' own descriptions. */
export const AUTH_HEADER: Record<Provider, string> = Object.fromEntries(
  [TENSORSLAB, TAVUS, BIFROST, A2E].map((vendor) => [vendor.provider, vendor.auth.header]),
) as Record<Provider, string>;

/** One ref per vendor (TensorsLab video only), with the header its key travels in. */
export const ONE_REF_PER_VENDOR = REFS.filter((ref) => ref.kind !== 'image').map(
  (ref) => [ref.provider, ref, AUTH_HEADER[ref.provider]] as const,
);

/**
 * A handler for test-support's startOrigin: it sends its headers at once, then one byte every 200 ms,
 * never ending, and counts the answers the client hung up on.
 */
export function drip(headers: Record<string, string> = {}) {
  const state = { hungUp: 0 };
  const handler = (_: unknown, response: ServerResponse) => {
    response.writeHead(200, { 'content-type': 'application/json', ...headers });
    response.write('{');
    const timer = setInterval(() => response.write(' '), 200);
    response.on('close', () => {
      clearInterval(timer);
      state.hungUp += 1;
    });
  };
  return { handler, state };
}
