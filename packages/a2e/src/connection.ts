import { type AdapterOptions, type AdapterTools, codeAndMessage, createAdapterTools } from '@mediajobs/core';
import { A2E } from './client.js';
import type { paths } from './generated/a2e.js';

/** What every A2E kind speaks through: one client, its decoders and its errors. */
export type A2eConnection = AdapterTools<paths>;

/** A2E answers HTTP 200 with a body `code`: 0 is success, any other value an error. */
export const SUCCESS = 0;

/** A2E's errors are `{ code, msg }`, sometimes sent as text/plain; the tools decode both. */
export function connectA2e(options: AdapterOptions): A2eConnection {
  return createAdapterTools<paths>(A2E, options, codeAndMessage);
}
