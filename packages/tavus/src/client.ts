import { createVendorClient, type VendorClientOptions, type VendorDescription } from '@mediajobs/core';
import type { Client } from 'openapi-fetch';
import type { paths } from './generated/tavus.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './generated/version.js';

/** How mediajobs talks to Tavus: `x-api-key` header, key from TAVUS_API_KEY by default. */
export const TAVUS: VendorDescription & { provider: 'tavus' } = {
  provider: 'tavus',
  packageName: PACKAGE_NAME,
  version: PACKAGE_VERSION,
  defaultBaseUrl: 'https://tavusapi.com',
  auth: { header: 'x-api-key', envVar: 'TAVUS_API_KEY' },
};

export type TavusClient = Client<paths>;
export type TavusClientOptions = VendorClientOptions;

/**
 * A typed client for the Tavus video API (create, get, list, rename, delete).
 * Never throws when constructed; a missing key fails the first request, naming TAVUS_API_KEY.
 */
export function createTavusClient(options: TavusClientOptions = {}): TavusClient {
  return createVendorClient<paths>(TAVUS, options);
}
