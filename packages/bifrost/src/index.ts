export { type BifrostAdapterOptions, createBifrostAdapter } from './adapter.js';
export {
  BIFROST,
  BIFROST_KEY_HEADERS,
  type BifrostClient,
  type BifrostClientOptions,
  type BifrostKeyHeader,
  bifrostVendor,
  createBifrostClient,
} from './client.js';
export type {
  components as BifrostComponents,
  operations as BifrostOperations,
  paths as BifrostPaths,
} from './generated/bifrost.js';
