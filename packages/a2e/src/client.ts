import { createVendorClient, type VendorClientOptions, type VendorDescription } from '@mediajobs/core';
import type { Client } from 'openapi-fetch';
import type { paths } from './generated/a2e.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './generated/version.js';

/** How mediajobs talks to A2E: `Authorization: Bearer <token>`, token from A2E_API_KEY by default. */
export const A2E: VendorDescription & { provider: 'a2e' } = {
  provider: 'a2e',
  packageName: PACKAGE_NAME,
  version: PACKAGE_VERSION,
  defaultBaseUrl: 'https://video.a2e.ai',
  auth: { header: 'authorization', prefix: 'Bearer', envVar: 'A2E_API_KEY' },
};

export type A2eClient = Client<paths>;
export type A2eClientOptions = VendorClientOptions;

/**
 * A typed client for A2E's avatar videos (delete or cancel, status). A2E answers HTTP 200 with a
 * body `code` (0 is success) and sends some JSON as text/plain; the client parses it as JSON.
 */
export function createA2eClient(options: A2eClientOptions = {}): A2eClient {
  return createVendorClient<paths>(A2E, options);
}
