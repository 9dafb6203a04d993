import { ConnectionError, type Provider } from './errors.js';

/** The standard fetch signature; any WHATWG-compatible implementation fits. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface CredentialedFetchOptions {
  provider: Provider;
  /** The only origin (scheme, host and port) that may receive credentials and custom headers. */
  origin: string;
  /** The credential headers for one request. Called once per request; may throw (missing key). */
  credentials: () => Record<string, string>;
  fetch?: FetchLike;
  maxRedirects?: number;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// What a request may still carry to another origin: nothing that could be a credential.
const CROSS_ORIGIN_HEADERS = ['accept', 'accept-language', 'content-type', 'user-agent'];

/**
 * Wraps fetch so that credentials reach only the client's own origin.
 *
 * Credentials are added per request, never stored on the Request, and only while the URL is on the
 * trusted origin. Redirects are followed here rather than by fetch, because Node's fetch keeps
 * custom headers such as `x-api-key` on a cross-origin redirect. Once a redirect chain leaves the
 * origin, no later hop gets credentials or custom headers back.
 */
export function createCredentialedFetch(options: CredentialedFetchOptions) {
  const { provider, origin, maxRedirects = 5 } = options;
  return async function credentialedFetch(request: Request): Promise<Response> {
    const baseFetch = options.fetch ?? globalThis.fetch;
    // Resolved before anything is sent, so a missing key fails without a request.
    const credentials = options.credentials();
    let url = new URL(request.url);
    let method = request.method;
    let body = request.body === null ? undefined : await request.arrayBuffer();
    const headers = new Headers(request.headers);
    let trusted = true;
    for (let redirects = 0; ; redirects += 1) {
      trusted &&= url.origin === origin;
      const response = await baseFetch(url, {
        method,
        headers: trusted ? withCredentials(headers, credentials) : crossOriginHeaders(headers),
        body,
        redirect: 'manual',
        signal: request.signal,
      });
      if (response.type === 'opaqueredirect') {
        throw new ConnectionError(
          `${provider}: the server redirected, and this runtime's fetch does not let the redirect be checked; call the final URL directly (set baseUrl)`,
          { provider },
        );
      }
      const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get('location') : null;
      if (location === null) return response;
      await response.body?.cancel();
      if (redirects >= maxRedirects) {
        throw new ConnectionError(`${provider}: more than ${maxRedirects} redirects; check baseUrl`, {
          provider,
          status: response.status,
        });
      }
      url = new URL(location, url);
      // As fetch does: 303, and 301/302 after POST, continue as a GET without a body.
      if (response.status === 303 || (method === 'POST' && response.status !== 307 && response.status !== 308)) {
        method = method === 'HEAD' ? 'HEAD' : 'GET';
        body = undefined;
        headers.delete('content-type');
      }
    }
  };
}

function withCredentials(headers: Headers, credentials: Record<string, string>): Headers {
  const result = new Headers(headers);
  for (const [name, value] of Object.entries(credentials)) result.set(name, value);
  return result;
}

function crossOriginHeaders(headers: Headers): Headers {
  const result = new Headers();
  for (const name of CROSS_ORIGIN_HEADERS) {
    const value = headers.get(name);
    if (value !== null) result.set(name, value);
  }
  return result;
}
