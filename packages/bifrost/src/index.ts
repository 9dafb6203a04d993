export {
  BIFROST,
  BIFROST_KEY_HEADERS,
  type BifrostClient,
  type BifrostClientOptions,
  type BifrostKeyHeader,
  bifrostVendor,
  createBifrostClient,
} from './client.js';
export type { BifrostConnectOptions } from './connection.js';
export type {
  components as BifrostComponents,
  operations as BifrostOperations,
  paths as BifrostPaths,
} from './generated/bifrost.js';
export { bifrost } from './vendor.js';
