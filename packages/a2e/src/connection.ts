import { type AdapterOptions, type AdapterTools, codeAndMessage, createAdapterTools } from '@mediajobs/core';
import { A2E } from './client.js';
import type { paths } from './generated/a2e.js';

/** What every A2E kind speaks through: one client, its decoders and its errors. */
export type A2eConnection = AdapterTools<paths>;

/** A2E answers HTTP 200 with a body `code`: 0 is success, any other value an error. */
export const SUCCESS = 0;

/**
 * The success of A2E's create operations (specs/a2e.yaml, CreatedResponse, whose new record's `_id` is under
 * `data`): an HTTP 200 with a `code` other than 0 made nothing. A reference, not spread into the kinds: a
 * spread would keep every kind in a bundle that imports only the client.
 */
export const CREATED_SUCCESS = { field: 'code', value: SUCCESS } as const;

/** A2E's errors are `{ code, msg }`, sometimes sent as text/plain; the tools decode both. */
export function connectA2e(options: AdapterOptions): A2eConnection {
  return createAdapterTools<paths>(A2E, options, codeAndMessage);
}
