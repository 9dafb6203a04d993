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

/**
 * One page of a Tavus list. Pages are offsets into the live list, numbered from 0; the docs disagree
 * on the base (see the spec's decisions), so an empty page 0 is followed by page 1 before the list is
 * called empty, and the facade's walk drops the repeats a 1-based service gives for page 0.
 */
export async function readOffsetPage<Item>(
  cursor: string | undefined,
  read: (page: number) => Promise<Item[]>,
): Promise<{ items: Item[]; next?: string }> {
  let page = cursor === undefined ? 0 : Number(cursor);
  let items = await read(page);
  if (page === 0 && items.length === 0) items = await read(++page);
  return { items, next: items.length === 0 ? undefined : String(page + 1) };
}
