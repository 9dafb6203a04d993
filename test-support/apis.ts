// The five APIs under contract test: one spec and one Prism process each.
export const APIS = ['tensorslab-video', 'tensorslab-images', 'tavus', 'bifrost', 'a2e'] as const;
export type ApiName = (typeof APIS)[number];

export const specFile = (api: ApiName) => `specs/${api}.yaml`;
export const prismLogFile = (api: ApiName) => `.prism-logs/${api}.log`;
// Where each test worker appends what it exercised; scripts/contract-coverage.mjs reads it.
export const CONTRACT_RECORDS_DIR = '.contract';
