import {
  type AdapterOptions,
  type AdapterTools,
  createAdapterTools,
  NotFoundError,
  stringField,
  type VendorFailure,
} from '@mediajobs/core';
import { TAVUS } from './client.js';
import type { paths } from './generated/tavus.js';

/** What every Tavus kind speaks through: one client, its decoders and its errors. */
export type TavusConnection = AdapterTools<paths>;

/**
 * Tavus puts its message in `error` (400) or `message` (401). Its answer for an unknown id is a 400
 * `Invalid video_id` (specs/tavus.yaml, getVideo), which is a not-found, not a bad request.
 */
const failureOf = (body: unknown): VendorFailure => {
  const message = stringField(body, 'error') ?? stringField(body, 'message');
  return { message, errorClass: message && /^invalid [a-z]+_id$/i.test(message) ? NotFoundError : undefined };
};

export function connectTavus(options: AdapterOptions): TavusConnection {
  return createAdapterTools<paths>(TAVUS, options, failureOf);
}
