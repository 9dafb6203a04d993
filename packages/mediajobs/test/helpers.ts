import { A2E } from '@mediajobs/a2e';
import { BIFROST } from '@mediajobs/bifrost';
import { TAVUS } from '@mediajobs/tavus';
import { TENSORSLAB } from '@mediajobs/tensorslab';
import { BASE, type Script, scriptedFetch } from '../../../test-support/scripted-fetch.js';
import { createMediaJobs, type JobRef, type MediaJobsOptions, type Provider } from '../src/index.js';

/** The API key used in every facade test; no error, log or inspected object may contain it. */
export const KEY = 'sk_canary_5e4d3c2b1a0f';

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
