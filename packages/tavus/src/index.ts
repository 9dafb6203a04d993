export { createTavusClient, TAVUS, type TavusClient, type TavusClientOptions } from './client.js';
export type {
  components as TavusComponents,
  operations as TavusOperations,
  paths as TavusPaths,
} from './generated/tavus.js';
export { tavus } from './vendor.js';
