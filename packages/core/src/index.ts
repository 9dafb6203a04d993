export { findApiKey, requireApiKey, type ApiKeySource } from './api-key.js';
export { createVendorClient, type VendorClientOptions, type VendorDescription } from './client.js';
export {
  AuthenticationError,
  ConnectionError,
  InvalidRequestError,
  MediaJobsError,
  type MediaJobsErrorOptions,
  type Provider,
} from './errors.js';
export { createCredentialedFetch, type CredentialedFetchOptions, type FetchLike } from './fetch.js';
export { createPathSerializer, encodePathParam } from './path.js';
