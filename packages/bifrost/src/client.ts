import {
  createVendorClient,
  InvalidRequestError,
  type VendorClientOptions,
  type VendorDescription,
} from '@mediajobs/core';
import type { Client } from 'openapi-fetch';
import type { paths } from './generated/bifrost.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './generated/version.js';

/**
 * How mediajobs talks to a Bifrost gateway: `Authorization: Bearer <key>` when a key is set (from
 * BIFROST_API_KEY by default); none when it is not, for gateways that run with auth off.
 */
export const BIFROST: VendorDescription & { provider: 'bifrost' } = {
  provider: 'bifrost',
  packageName: PACKAGE_NAME,
  version: PACKAGE_VERSION,
  defaultBaseUrl: 'http://localhost:8080',
  auth: { header: 'authorization', prefix: 'Bearer', envVar: 'BIFROST_API_KEY', optional: true },
};

export type BifrostClient = Client<paths>;

/** The headers a Bifrost gateway takes a key in (specs/bifrost.yaml, securitySchemes). */
export const BIFROST_KEY_HEADERS = ['authorization', 'x-bf-vk', 'x-api-key'] as const;
export type BifrostKeyHeader = (typeof BIFROST_KEY_HEADERS)[number];

export interface BifrostClientOptions extends VendorClientOptions {
  /**
   * Where the key goes: `authorization` (default, as `Bearer <key>`), `x-bf-vk` (a virtual key; old
   * keys without the sk-bf- prefix work only there) or `x-api-key`. Only that header carries it.
   */
  keyHeader?: BifrostKeyHeader;
}

/** BIFROST, with the key in the header the options name. */
export function bifrostVendor(keyHeader: BifrostKeyHeader = 'authorization'): VendorDescription {
  if (!BIFROST_KEY_HEADERS.includes(keyHeader)) {
    throw new InvalidRequestError(`bifrost: keyHeader must be one of ${BIFROST_KEY_HEADERS.join(', ')}`, {
      provider: 'bifrost',
    });
  }
  if (keyHeader === 'authorization') return BIFROST;
  return { ...BIFROST, auth: { ...BIFROST.auth, header: keyHeader, prefix: undefined } };
}

/**
 * A typed client for a Bifrost gateway's videos API (create, list, retrieve, delete, content, remix).
 * Video ids are `id:provider` (e.g. `video_abc123:openai`) and are sent as they are.
 */
export function createBifrostClient({ keyHeader, ...options }: BifrostClientOptions = {}): BifrostClient {
  return createVendorClient<paths>(bifrostVendor(keyHeader), options);
}
