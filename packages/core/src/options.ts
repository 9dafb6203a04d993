import { InvalidRequestError } from './errors.js';
import type { FetchLike } from './fetch.js';

/** Options every vendor factory (`createTavusClient` and the others) accepts. */
export interface VendorClientOptions {
  /** The API key. When omitted, the vendor's environment variable is read at request time. */
  apiKey?: string;
  /**
   * Overrides the vendor's base URL (a proxy, a mock server, a self-hosted gateway). When omitted,
   * the vendor's `<PROVIDER>_BASE_URL` variable is read (e.g. TAVUS_BASE_URL), else its default.
   * Either must be an absolute http(s) URL with no user name, password, query or fragment: the
   * factory throws an InvalidRequestError naming the part (never the URL).
   */
  baseUrl?: string;
  /** A fetch implementation; defaults to `globalThis.fetch`. */
  fetch?: FetchLike;
  /**
   * Extra headers for every request; like the key, they are sent to the base URL's origin only, and
   * their values are redacted like keys from what an adapter reports (but those of accept,
   * accept-language, content-type and user-agent), however short: a value such as `1` would be
   * redacted wherever it appears.
   */
  headers?: Record<string, string>;
  /** Answers with a larger body are refused unread, with a ServerError (default 8 MiB). */
  maxResponseBytes?: number;
  /**
   * Time limit of one call, in milliseconds, from sending to the end of reading the answer, redirects
   * included (default DEFAULT_TIMEOUT_MS, 60 s; `Infinity` for none): past it the request is aborted
   * and the call fails with a TimeoutError. A body asked for with `parseAs: 'stream'` is read by the
   * caller after the call returns, and is not bounded by it.
   */
  timeoutMs?: number;
}

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
