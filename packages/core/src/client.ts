import createClient, { type Client } from 'openapi-fetch';
import { checkApiKey, findApiKey, readEnv, requireApiKey } from './api-key.js';
import { InvalidRequestError, type Provider } from './errors.js';
import { createCredentialedFetch, PlainRequest } from './fetch.js';
import { checkOptionNames, VENDOR_CLIENT_OPTION_NAMES, type VendorClientOptions } from './options.js';
import { createPathSerializer } from './path.js';
import { checkTimeoutMs, DEFAULT_TIMEOUT_MS, timedSignal } from './timing.js';
import { toMediaJobsError } from './to-error.js';

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
  checkTimeoutMs(vendor.packageName, options.timeoutMs);
  const { provider, auth } = vendor;
  const fromEnv = options.baseUrl === undefined ? readEnv(baseUrlVariable(provider)) || undefined : undefined;
  const baseUrl = options.baseUrl ?? fromEnv ?? vendor.defaultBaseUrl;
  const origin = checkBaseUrl(provider, baseUrl, fromEnv === undefined ? 'baseUrl' : baseUrlVariable(provider));
  const keySource = { provider, apiKey: options.apiKey, envVar: auth.envVar };
  const credentials = (): Record<string, string> => {
    const key = auth.optional ? findApiKey(keySource) : requireApiKey(keySource);
    if (key === undefined) return {};
    checkApiKey(keySource, key);
    return { [auth.header]: auth.prefix ? `${auth.prefix} ${key}` : key };
  };
  const client = createClient<Paths>({
    baseUrl,
    headers: { 'user-agent': `${vendor.packageName}/${vendor.version}`, ...options.headers },
    pathSerializer: createPathSerializer(provider),
    Request: PlainRequest as unknown as typeof Request,
    fetch: createCredentialedFetch({
      provider,
      origin,
      credentials,
      fetch: options.fetch,
      maxResponseBytes: options.maxResponseBytes,
    }),
  });
  return withTimeout(client, provider, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
}

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;

/**
 * The client, with each call bounded by `timeoutMs`. The bound is put around the whole call rather
 * than around fetch, because openapi-fetch reads the body after fetch returns: a vendor that sends
 * its headers and then drips its body would outlast a bound on fetch alone. Each call gets a signal
 * of its own (a caller's long-lived signal never reaches fetch, which keeps its listener).
 */
function withTimeout<Paths extends {}>(client: Client<Paths>, provider: Provider, timeoutMs: number): Client<Paths> {
  if (timeoutMs === Number.POSITIVE_INFINITY) return client;
  type Call = (...args: unknown[]) => Promise<unknown>;
  const methods = client as unknown as Record<string, Call>;
  // `init` is the last argument: (url, init), or (method, url, init) for `request`.
  const bounded =
    (call: Call, initAt: number): Call =>
    async (...args) => {
      const init = args[initAt] as RequestInit | undefined;
      const signal = init?.signal ?? undefined;
      const linked = timedSignal(signal, timeoutMs);
      args[initAt] = { ...init, signal: linked.signal };
      try {
        return await call(...args);
      } catch (thrown) {
        // Reading the body fails with the signal's bare reason: say what happened, as for fetch.
        const ended = linked.timedOut() || signal?.aborted;
        throw ended ? toMediaJobsError(provider, thrown, { signal, timedOut: linked.timedOut(), timeoutMs }) : thrown;
      } finally {
        linked.dispose();
      }
    };
  for (const name of METHODS) methods[name] = bounded(methods[name] as Call, 1);
  methods.request = bounded(methods.request as Call, 2);
  return client;
}

/** The variable a vendor's base URL is read from when none is given: TAVUS_BASE_URL and the like. */
export function baseUrlVariable(provider: Provider): string {
  return `${provider.toUpperCase()}_BASE_URL`;
}

/**
 * The origin of a base URL, once it is known to be an absolute http(s) URL with nothing but a path:
 * a user name or password would be quoted by fetch's errors and printed wherever the URL is, and a
 * query or fragment would swallow the paths appended to it (a delete sent elsewhere, reported done).
 * The message names the part and where the URL came from (`from`: `baseUrl`, or the variable),
 * never the URL, which may hold a secret.
 */
export function checkBaseUrl(provider: Provider, baseUrl: string, from = 'baseUrl'): string {
  const refuse = (problem: string) => new InvalidRequestError(`${provider}: ${from} ${problem}`, { provider });
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw refuse('is not an absolute URL (such as https://api.example.com)');
  }
  // Not even the scheme is quoted: a key passed here by mistake (`sk_live:...`) would parse as one.
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse('must be an http(s) URL');
  if (url.username !== '' || url.password !== '') {
    throw refuse('must not contain a user name or password; pass the key as apiKey');
  }
  // An empty query or fragment (a bare `?` or `#`) is not in url.search or url.hash, but is in href.
  const [beforeHash = ''] = url.href.split('#');
  if (beforeHash.includes('?')) {
    throw refuse('must not contain a query (?...): paths are appended to the base URL; pass the key as apiKey');
  }
  if (url.href.includes('#')) throw refuse('must not contain a fragment (#...): paths are appended to the base URL');
  return url.origin;
}
