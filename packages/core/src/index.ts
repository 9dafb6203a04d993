export { type ApiKeySource, findApiKey, requireApiKey } from './api-key.js';
export { createVendorClient, type VendorClientOptions, type VendorDescription } from './client.js';
export {
  AuthenticationError,
  ConnectionError,
  InvalidRequestError,
  MediaJobsError,
  type MediaJobsErrorOptions,
  type Provider,
} from './errors.js';
export { type CredentialedFetchOptions, createCredentialedFetch, type FetchLike } from './fetch.js';
export { createPathSerializer, encodePathParam } from './path.js';
