import { type AdapterOptions, type AdapterTools, codeAndMessage, createAdapterTools } from '@mediajobs/core';
import { A2E } from './client.js';
import type { paths } from './generated/a2e.js';

/** What every A2E kind speaks through: one client, its decoders and its errors. */
export type A2eConnection = AdapterTools<paths>;

/** A2E answers HTTP 200 with a body `code`: 0 is success, any other value an error. */
export const SUCCESS = 0;

/**
 * How A2E's create operations answer (specs/a2e.yaml, CreatedResponse): the new record under `data`, its
 * `_id` the id its read and delete take; an HTTP 200 with a `code` other than 0 made nothing.
 */
export const CREATED = { method: 'POST', idField: 'data._id', success: { field: 'code', value: SUCCESS } } as const;

/** A2E's errors are `{ code, msg }`, sometimes sent as text/plain; the tools decode both. */
export function connectA2e(options: AdapterOptions): A2eConnection {
  return createAdapterTools<paths>(A2E, options, codeAndMessage);
}
