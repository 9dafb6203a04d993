import { createVendorClient, type VendorClientOptions, type VendorDescription } from '@mediajobs/core';
import type { Client } from 'openapi-fetch';
import type { paths } from './generated/bifrost.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './generated/version.js';

/**
 * How mediajobs talks to a Bifrost gateway: `Authorization: Bearer <key>` when a key is set (from
 * BIFROST_API_KEY by default); none when it is not, for gateways that run with auth off.
 */
export const BIFROST: VendorDescription = {
  provider: 'bifrost',
  packageName: PACKAGE_NAME,
  version: PACKAGE_VERSION,
  defaultBaseUrl: 'http://localhost:8080',
  auth: { header: 'authorization', prefix: 'Bearer', envVar: 'BIFROST_API_KEY', optional: true },
};

export type BifrostClient = Client<paths>;
export type BifrostClientOptions = VendorClientOptions;

/**
 * A typed client for a Bifrost gateway's videos API (create, list, retrieve, delete, content, remix).
 * Video ids are `id:provider` (e.g. `video_abc123:openai`) and are sent as they are.
 */
export function createBifrostClient(options: BifrostClientOptions = {}): BifrostClient {
  return createVendorClient<paths>(BIFROST, options);
}
