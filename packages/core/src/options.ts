import type { VendorClientOptions } from './client.js';
import { InvalidRequestError } from './errors.js';

/** Every option a vendor factory (`createTavusClient` and the others) knows. */
export const VENDOR_CLIENT_OPTION_NAMES: readonly (keyof VendorClientOptions)[] = Object.keys({
  apiKey: true,
  baseUrl: true,
  fetch: true,
  headers: true,
  maxResponseBytes: true,
  timeoutMs: true,
} satisfies Record<keyof VendorClientOptions, true>) as (keyof VendorClientOptions)[];

/**
 * Fails when `options` holds a name outside `known`: in JavaScript a misplaced or misspelt option is
 * otherwise dropped without a word (and a key given in the wrong place ends as a "missing key" error
 * later). The message names the options, never their values. `hint` may say where a name belongs.
 */
export function checkOptionNames(
  where: string,
  options: unknown,
  known: readonly string[],
  hint: (name: string) => string | undefined = () => undefined,
): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidRequestError(`${where}: options must be an object such as { apiKey, baseUrl }`);
  }
  for (const name of Object.keys(options)) {
    if (known.includes(name)) continue;
    const shown = JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name);
    throw new InvalidRequestError(
      `${where}: unknown option ${shown}; ${hint(name) ?? `the options are ${known.join(', ')}`}`,
    );
  }
}
