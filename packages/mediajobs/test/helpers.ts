import { BASE, type Script, scriptedFetch } from '../../../test-support/scripted-fetch.js';
import { createMediaJobs, type MediaJobsOptions } from '../src/index.js';

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
