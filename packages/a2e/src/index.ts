export { A2E, type A2eClient, type A2eClientOptions, createA2eClient } from './client.js';
export type { components as A2eComponents, operations as A2eOperations, paths as A2ePaths } from './generated/a2e.js';
export { a2e } from './vendor.js';
