export { createBifrostAdapter } from './adapter.js';
export { BIFROST, type BifrostClient, type BifrostClientOptions, createBifrostClient } from './client.js';
export type {
  components as BifrostComponents,
  operations as BifrostOperations,
  paths as BifrostPaths,
} from './generated/bifrost.js';
