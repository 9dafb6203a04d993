import type { Vendor } from '@mediajobs/testing';

// The five specs under contract test. TensorsLab's video and images specs are one mock (one host,
// as the real API), but each keeps its own coverage.
export const APIS = ['tensorslab-video', 'tensorslab-images', 'tavus', 'bifrost', 'a2e'] as const;
export type ApiName = (typeof APIS)[number];

export const specFile = (api: ApiName) => `specs/${api}.yaml`;

/** The vendor whose mock serves a spec. */
export const providerOf = (api: ApiName): Vendor => (api.startsWith('tensorslab') ? 'tensorslab' : (api as Vendor));

/** The TensorsLab spec a path belongs to: images under /v1/images/, video otherwise. */
export const tensorsLabSpecFor = (path: string): ApiName =>
  path.startsWith('/v1/images/') ? 'tensorslab-images' : 'tensorslab-video';

export const PRISM_LOG_DIR = '.prism-logs';
export const prismLogFile = (api: ApiName) => `${PRISM_LOG_DIR}/${providerOf(api)}.log`;
// Where each test worker appends what it exercised; scripts/contract-coverage.mjs reads it.
export const CONTRACT_RECORDS_DIR = '.contract';
