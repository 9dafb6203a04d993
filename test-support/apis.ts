import { FAKES, VENDORS, type Vendor } from '../packages/testing/src/fakes/index.js';

// The specs under contract test: every vendor fake's (TensorsLab's video and images specs are one mock,
// one host as the real API, but each keeps its own coverage).
export const APIS = VENDORS.flatMap((vendor) => FAKES[vendor].specs.map((file) => file.replace(/\.yaml$/, '')));
export type ApiName = string;

export const specFile = (api: ApiName) => `specs/${api}.yaml`;

/** The vendor whose mock serves a spec. */
export const providerOf = (api: ApiName): Vendor =>
  VENDORS.find((vendor) => FAKES[vendor].specs.includes(`${api}.yaml`)) as Vendor;

/** The TensorsLab spec a path belongs to: images under /v1/images/, video otherwise. */
export const tensorsLabSpecFor = (path: string): ApiName =>
  path.startsWith('/v1/images/') ? 'tensorslab-images' : 'tensorslab-video';

export const PRISM_LOG_DIR = '.prism-logs';
export const prismLogFile = (api: ApiName) => `${PRISM_LOG_DIR}/${providerOf(api)}.log`;
// Where each test worker appends what it exercised; scripts/contract-coverage.mjs reads it.
export const CONTRACT_RECORDS_DIR = '.contract';
