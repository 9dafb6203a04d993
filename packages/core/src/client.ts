import createClient, { type Client } from 'openapi-fetch';
import { checkApiKey, findApiKey, readEnv, requireApiKey } from './api-key.js';
import { InvalidRequestError, type Provider } from './errors.js';
import { createCredentialedFetch, type FetchLike, PlainRequest } from './fetch.js';
import { checkOptionNames, VENDOR_CLIENT_OPTION_NAMES } from './options.js';
import { createPathSerializer } from './path.js';

/** Options every vendor factory (`createTavusClient` and the others) accepts. */
export interface VendorClientOptions {
  /** The API key. When omitted, the vendor's environment variable is read at request time. */
  apiKey?: string;
  /**
   * Overrides the vendor's base URL (a proxy, a mock server, a self-hosted gateway). When omitted,
   * the vendor's `<PROVIDER>_BASE_URL` variable is read (e.g. TAVUS_BASE_URL), else its default.
   */
  baseUrl?: string;
  /** A fetch implementation; defaults to `globalThis.fetch`. */
  fetch?: FetchLike;
  /** Extra headers for every request; like the key, they are sent to the base URL's origin only. */
  headers?: Record<string, string>;
  /** Answers with a larger body are refused unread, with a ServerError (default 8 MiB). */
  maxResponseBytes?: number;
}

/** What a vendor package tells core about its API. */
export interface VendorDescription {
  provider: Provider;
  /** npm name and version, sent as the user-agent. */
  packageName: string;
  version: string;
  defaultBaseUrl: string;
  auth: {
    /** The header that carries the key, e.g. `authorization` or `x-api-key`. */
    header: string;
    /** Put before the key, e.g. `Bearer`. */
    prefix?: string;
    /** Where the key is read from when none is passed, e.g. `TAVUS_API_KEY`. */
    envVar: string;
    /** True when the API may run without a key (a self-hosted gateway with auth off). */
    optional?: boolean;
  };
}

/**
 * Builds a typed openapi-fetch client for one vendor: its auth header, base URL, strict path
 * parameters, credentials kept to its origin, a cap on answer size, and a user-agent naming the
 * package. Middleware added with `client.use()` receives a PlainRequest (url, method, headers, body,
 * signal; `new Request(request.url, request)` makes a WHATWG one) rather than a Request, which is
 * costly to build.
 */
export function createVendorClient<Paths extends {}>(
  vendor: VendorDescription,
  options: VendorClientOptions = {},
): Client<Paths> {
  // Every vendor factory and adapter comes through here, so each refuses a name it does not know.
  checkOptionNames(vendor.packageName, options, VENDOR_CLIENT_OPTION_NAMES);
  const { provider, auth } = vendor;
  const baseUrl = options.baseUrl ?? (readEnv(baseUrlVariable(provider)) || vendor.defaultBaseUrl);
  const keySource = { provider, apiKey: options.apiKey, envVar: auth.envVar };
  const credentials = (): Record<string, string> => {
    const key = auth.optional ? findApiKey(keySource) : requireApiKey(keySource);
    if (key === undefined) return {};
    checkApiKey(keySource, key);
    return { [auth.header]: auth.prefix ? `${auth.prefix} ${key}` : key };
  };
  return createClient<Paths>({
    baseUrl,
    headers: { 'user-agent': `${vendor.packageName}/${vendor.version}`, ...options.headers },
    pathSerializer: createPathSerializer(provider),
    Request: PlainRequest as unknown as typeof Request,
    fetch: createCredentialedFetch({
      provider,
      origin: originOf(provider, baseUrl),
      credentials,
      fetch: options.fetch,
      maxResponseBytes: options.maxResponseBytes,
    }),
  });
}

/** The variable a vendor's base URL is read from when none is given: TAVUS_BASE_URL and the like. */
export function baseUrlVariable(provider: Provider): string {
  return `${provider.toUpperCase()}_BASE_URL`;
}

function originOf(provider: Provider, baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new InvalidRequestError(`${provider}: baseUrl "${baseUrl}" is not an absolute URL`, { provider });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InvalidRequestError(`${provider}: baseUrl must be http(s), got ${url.protocol}`, { provider });
  }
  return url.origin;
}
