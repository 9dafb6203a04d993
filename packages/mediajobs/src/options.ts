// The facade's options: their types, derived per vendor from the registry, and their checks.
import { checkBaseUrl, checkOptionNames, checkTimeoutMs, type FetchLike, InvalidRequestError } from '@mediajobs/core';
import type { Backoff } from './retry-policy.js';
import { type Provider, type Vendor, vendors } from './vendors.js';

/** Per-vendor settings; every field is optional, and so is every block. */
export interface VendorOptions {
  /** The API key; when omitted, the vendor's environment variable (e.g. TAVUS_API_KEY) is read at request time. */
  apiKey?: string;
  /**
   * Overrides the vendor's base URL (a proxy, a mock, a self-hosted Bifrost gateway): an absolute
   * http(s) URL with no user name, password, query or fragment (refused at construction).
   */
  baseUrl?: string;
  /**
   * Extra headers for this vendor; sent to its base URL's origin only. Their values are treated as
   * secrets and redacted like keys (but those of accept, accept-language, content-type and
   * user-agent), however short: a value such as `1` would be redacted wherever it appears.
   */
  headers?: Record<string, string>;
  /**
   * The vendor's quota, when you know it: requests are paced to at most this many per second (every
   * call of this client to the vendor, retries included). Without it the rate adapts to the vendor's
   * throttling on its own.
   */
  maxRequestsPerSecond?: number;
}

/** Each vendor's block: the options every vendor takes, and its own (TensorsLab's `batchSize`...). */
export type VendorBlocks = { [V in Vendor as V['provider']]?: VendorOptions & NonNullable<V['options']> };

export interface MediaJobsOptions extends VendorBlocks {
  /** A fetch implementation for every vendor; defaults to `globalThis.fetch`. */
  fetch?: FetchLike;
  /** Retries after a failed attempt that may succeed if tried again (default 2). */
  maxRetries?: number;
  /**
   * Time limit of one attempt, in milliseconds, from sending the request to the end of reading the
   * answer (default DEFAULT_TIMEOUT_MS, 60 s; `Infinity` for none). Past it the request is aborted,
   * and the attempt fails with a TimeoutError, which is retried.
   */
  timeoutMs?: number;
  /** Waits between retries: the first (default 500 ms), doubling up to the most (default 8 s). */
  backoff?: Backoff;
  /** Answers with a larger body are refused unread, with a ServerError (default 8 MiB). */
  maxResponseBytes?: number;
  /**
   * Adapt each vendor's request rate to its throttling (default true): cut when it answers 429, probe
   * back up while calls succeed, and retry throttled calls without counting them against
   * `maxRetries` while the vendor accepts others. `false` leaves throttling to the retries alone.
   */
  adaptiveRate?: boolean;
  /**
   * How often one throttled call is re-queued for free while the vendor accepts other calls (default
   * 20), and for how long after its first attempt (`maxRequeueMs`, default 5 minutes). Past either,
   * it fails with a RateLimitError that says so: a vendor that throttles one call while accepting the
   * rest is limiting that call alone, and re-queueing it would never end.
   */
  maxRequeues?: number;
  maxRequeueMs?: number;
}

const COMMON_OPTION_NAMES: Record<Exclude<keyof MediaJobsOptions, Provider>, true> = {
  fetch: true,
  maxRetries: true,
  timeoutMs: true,
  backoff: true,
  maxResponseBytes: true,
  adaptiveRate: true,
  maxRequeues: true,
  maxRequeueMs: true,
};
const VENDOR_OPTION_NAMES: Record<keyof VendorOptions, true> = {
  apiKey: true,
  baseUrl: true,
  headers: true,
  maxRequestsPerSecond: true,
};

/** Fails on an option name the facade does not know, saying where a vendor's own option goes. */
export function checkFacadeOptions(options: MediaJobsOptions): void {
  const providers = vendors.map((vendor) => vendor.provider);
  const perVendor = (name: string) => vendors.filter((vendor) => Object.hasOwn(vendor.ownOptions, name));
  checkOptionNames('createMediaJobs', options, [...providers, ...Object.keys(COMMON_OPTION_NAMES)], (name) => {
    if (Object.hasOwn(VENDOR_OPTION_NAMES, name)) {
      return `${name} is set per vendor: createMediaJobs({ ${providers[0]}: { ${name} } }), and the same for ${providers.slice(1).join(', ')}`;
    }
    const owners = perVendor(name).map((vendor) => `createMediaJobs({ ${vendor.provider}: { ${name} } })`);
    return owners.length > 0 ? `${name} is set per vendor: ${owners.join(' or ')}` : undefined;
  });
  for (const { provider, ownOptions } of vendors) {
    const block = blockOf(options, provider);
    checkOptionNames(`createMediaJobs: ${provider}`, block, [
      ...Object.keys(VENDOR_OPTION_NAMES),
      ...Object.keys(ownOptions),
    ]);
    for (const [name, option] of Object.entries(ownOptions)) {
      const value = block?.[name as keyof typeof block];
      if (value !== undefined && typeof value !== option.type) {
        throw new InvalidRequestError(
          `createMediaJobs: ${provider}.${name} must be a ${option.type} (${option.description})`,
          {
            provider,
          },
        );
      }
    }
    // Vendor clients are made on first use; a base URL that would leak or misroute fails here instead.
    const baseUrl = block?.baseUrl;
    if (baseUrl !== undefined) checkBaseUrl(provider, baseUrl);
  }
  checkTimeoutMs('createMediaJobs', options.timeoutMs);
}

/** A vendor's block of the options, whatever its own options. */
export const blockOf = (options: MediaJobsOptions, provider: Provider) =>
  options[provider] as (VendorOptions & Record<string, unknown>) | undefined;
